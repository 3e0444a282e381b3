import FluentSQLiteDriver
import Foundation
import NIOCore
// The C library that SQLiteNIO links, reached directly: reads must use the same copy of SQLite as the writes.
// Two copies in one process would each keep their own POSIX locks on the file, and closing a file in one copy
// drops the other copy's locks, which can corrupt the database.
import SQLiteSettings
import Synchronization
import VaporCSQLite

/// Read-only connections to one SQLite file, lent out one caller at a time.
///
/// A read through SQLiteNIO hops from the caller's thread to NIO's thread pool and back, and prepares its
/// statement anew each time; a page that ran a handful of small queries spent more time hopping and parsing than
/// reading. These connections are used on the caller's own thread and keep their prepared statements. That is
/// sound only because a read in write-ahead-log mode never waits: it reads the last committed state, whoever is
/// writing. So a connection refuses to open on a file that is not in WAL mode, and a read that meets a lock
/// anyway (`SQLITE_BUSY`) hands the query back to SQLiteNIO instead of sleeping on a shared thread.
package final class SQLiteReaders: Sendable {
    private struct State {
        var idle: [SQLiteReader] = []
        var lent = 0
        var closed = false
        /// After a refusal to open (the file missing, or not in WAL mode), no new try until then.
        var retryAfter: ContinuousClock.Instant?
    }

    private let path: String
    private let limit: Int
    private let state = Mutex(State())
    private let served = Atomic<Int>(0)
    private let preparedAgain = Atomic<Int>(0)

    /// How many reads these connections have answered, for tests and benchmarks that check the path is taken.
    package var readsServed: Int { served.load(ordering: .relaxed) }

    /// How many times a kept statement had to be parsed and planned again before it ran, for tests that check the
    /// kept statements are worth keeping.
    package var statementsPreparedAgain: Int { preparedAgain.load(ordering: .relaxed) }

    func countServed(preparedAgain again: Int) {
        served.add(1, ordering: .relaxed)
        if again > 0 { preparedAgain.add(again, ordering: .relaxed) }
    }

    /// How many read-only connections are open now, lent or idle.
    package var openCount: Int { state.withLock { $0.lent + $0.idle.count } }

    /// `limit` connections at most; a read that finds all of them lent goes through SQLiteNIO instead.
    package init(path: String, limit: Int) {
        self.path = path
        self.limit = limit
    }

    /// A connection for one read, or nil when none can be had now; give it back with `giveBack`.
    func borrow() -> SQLiteReader? {
        enum Choice {
            case reuse(SQLiteReader)
            case open
            case none
        }
        let now = ContinuousClock.now
        let choice: Choice = state.withLock { state in
            guard !state.closed else { return .none }
            if let reader = state.idle.popLast() {
                state.lent += 1
                return .reuse(reader)
            }
            if let retryAfter = state.retryAfter, now < retryAfter { return .none }
            guard state.lent + state.idle.count < limit else { return .none }
            state.lent += 1
            return .open
        }
        switch choice {
        case .reuse(let reader): return reader
        case .none: return nil
        case .open:
            if let reader = SQLiteReader(path: path) { return reader }
            state.withLock { state in
                state.lent -= 1
                state.retryAfter = now.advanced(by: .seconds(1))
            }
            return nil
        }
    }

    func giveBack(_ reader: SQLiteReader) {
        let keep = state.withLock { state in
            state.lent -= 1
            if state.closed { return false }
            state.idle.append(reader)
            return true
        }
        if !keep { reader.close() }
    }

    /// Closes every idle connection; one still lent is closed when it comes back.
    package func close() {
        let idle = state.withLock { state in
            state.closed = true
            defer { state.idle = [] }
            return state.idle
        }
        for reader in idle { reader.close() }
    }
}

/// What a read came to when it could not be done here, before any row was handed on; SQLiteNIO then runs it.
enum ReadRefusal: Error {
    /// Not a read (SQLite says the statement could write), or it did not prepare (SQLiteNIO gives the error).
    case notHere
    /// The file was locked at the moment (a checkpoint or recovery); a read must not sleep on a shared thread.
    case busy
}

/// An error after rows had already been handed on, so the query could not be run again elsewhere.
struct ReadFailure: Error, CustomStringConvertible {
    let code: Int32
    let message: String
    var description: String { "SQLite read failed (\(code)): \(message)" }
}

/// One read-only SQLite connection with its prepared statements, used by one caller at a time.
final class SQLiteReader: @unchecked Sendable {
    private var handle: OpaquePointer?
    /// Each kept statement with its column names, which are fixed once it is prepared and shared by its rows.
    private var statements: [String: (statement: OpaquePointer, columns: ReadColumns)] = [:]
    /// Statements kept at most; queries whose text varies (an `IN` list of any length) would otherwise pile up.
    private static let statementLimit = 256

    init?(path: String) {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX
        guard sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil) == SQLITE_OK, let handle else {
            sqlite_nio_sqlite3_close(handle)
            return nil
        }
        self.handle = handle
        guard sqlite_nio_sqlite3_exec(handle, "PRAGMA query_only = 1", nil, nil, nil) == SQLITE_OK,
            freshground_sqlite_keep_plans(UnsafeMutableRawPointer(handle)) == SQLITE_OK,
            journalMode() == "wal"
        else {
            close()
            return nil
        }
    }

    /// Runs `sql` if it is a read, handing each row on as it is stepped; throws `ReadRefusal` when the query should
    /// run elsewhere (nothing has been handed on then). Returns how many times SQLite prepared the kept statement
    /// again on the way (zero when keeping it paid).
    @discardableResult
    func read(_ sql: String, binds: [SQLiteData], _ onRow: (ReadRow) -> Void) throws -> Int {
        let (statement, kept) = try prepared(sql)
        var columns = kept
        defer {
            sqlite_nio_sqlite3_reset(statement)
            sqlite_nio_sqlite3_clear_bindings(statement)
        }
        guard sqlite_nio_sqlite3_stmt_readonly(statement) != 0 else { throw ReadRefusal.notHere }
        for (index, value) in binds.enumerated() {
            guard bind(value, at: Int32(index + 1), to: statement) == SQLITE_OK else { throw ReadRefusal.notHere }
        }
        var count = Int32(columns.names.count)
        var handedOn = false
        while true {
            let step = sqlite_nio_sqlite3_step(statement)
            // A schema change prepares the statement again inside the step, and a `SELECT *` then has other columns.
            if !handedOn, sqlite_nio_sqlite3_stmt_status(statement, SQLITE_STMTSTATUS_REPREPARE, 0) > 0 {
                columns = Self.columns(of: statement)
                statements[sql]?.columns = columns
                count = Int32(columns.names.count)
            }
            if step == SQLITE_DONE {
                return Int(sqlite_nio_sqlite3_stmt_status(statement, SQLITE_STMTSTATUS_REPREPARE, 1))
            }
            guard step == SQLITE_ROW else {
                if !handedOn { throw step == SQLITE_BUSY || step == SQLITE_LOCKED ? ReadRefusal.busy : .notHere }
                throw ReadFailure(code: step, message: String(cString: sqlite_nio_sqlite3_errmsg(handle)))
            }
            var cells: [SQLiteData] = []
            cells.reserveCapacity(Int(count))
            for column in 0..<count { cells.append(cell(column, of: statement)) }
            handedOn = true
            onRow(ReadRow(columns: columns, cells: cells))
        }
    }

    func close() {
        for kept in statements.values { sqlite_nio_sqlite3_finalize(kept.statement) }
        statements = [:]
        sqlite_nio_sqlite3_close(handle)
        handle = nil
    }

    private func prepared(_ sql: String) throws -> (statement: OpaquePointer, columns: ReadColumns) {
        if let kept = statements[sql] { return kept }
        var statement: OpaquePointer?
        let flags = UInt32(SQLITE_PREPARE_PERSISTENT)
        guard sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, flags, &statement, nil) == SQLITE_OK, let statement
        else {
            sqlite_nio_sqlite3_finalize(statement)
            throw ReadRefusal.notHere
        }
        if Self.explainsReads { Self.explain(sql, on: handle) }
        if statements.count >= Self.statementLimit {
            for old in statements.values { sqlite_nio_sqlite3_finalize(old.statement) }
            statements = [:]
        }
        let columns = Self.columns(of: statement)
        statements[sql] = (statement, columns)
        return (statement, columns)
    }

    private static func columns(of statement: OpaquePointer) -> ReadColumns {
        let count = sqlite_nio_sqlite3_column_count(statement)
        return ReadColumns(
            names: (0..<count).map { String(cString: sqlite_nio_sqlite3_column_name(statement, $0)) }
        )
    }

    /// `FRESHGROUND_EXPLAIN_READS=1` prints each read's query plan to standard error as its statement is first
    /// prepared on a connection (`scripts/bench --plans` reads them). Plans never depend on bound values here
    /// (see `freshground_sqlite_keep_plans`), so explaining the statement with none bound shows the plan it runs.
    private static let explainsReads = ProcessInfo.processInfo.environment["FRESHGROUND_EXPLAIN_READS"] == "1"

    private static func explain(_ sql: String, on handle: OpaquePointer?) {
        var statement: OpaquePointer?
        guard sqlite_nio_sqlite3_prepare_v2(handle, "EXPLAIN QUERY PLAN " + sql, -1, &statement, nil) == SQLITE_OK
        else { return }
        defer { sqlite_nio_sqlite3_finalize(statement) }
        var depth: [Int32: Int] = [0: 0]
        var text = "plan: " + sql.split(whereSeparator: \.isNewline).joined(separator: " ") + "\n"
        while sqlite_nio_sqlite3_step(statement) == SQLITE_ROW {
            let level = (depth[sqlite_nio_sqlite3_column_int(statement, 1)] ?? 0) + 1
            depth[sqlite_nio_sqlite3_column_int(statement, 0)] = level
            let detail = sqlite_nio_sqlite3_column_text(statement, 3).map { String(cString: $0) } ?? ""
            text += String(repeating: "  ", count: level) + detail + "\n"
        }
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    private func journalMode() -> String? {
        var statement: OpaquePointer?
        guard sqlite_nio_sqlite3_prepare_v2(handle, "PRAGMA journal_mode", -1, &statement, nil) == SQLITE_OK else {
            return nil
        }
        defer { sqlite_nio_sqlite3_finalize(statement) }
        guard sqlite_nio_sqlite3_step(statement) == SQLITE_ROW, let text = sqlite_nio_sqlite3_column_text(statement, 0)
        else { return nil }
        return String(cString: text).lowercased()
    }

    private func bind(_ value: SQLiteData, at index: Int32, to statement: OpaquePointer) -> Int32 {
        switch value {
        case .integer(let number): return sqlite_nio_sqlite3_bind_int64(statement, index, Int64(number))
        case .float(let number): return sqlite_nio_sqlite3_bind_double(statement, index, number)
        case .null: return sqlite_nio_sqlite3_bind_null(statement, index)
        case .text(let text):
            var text = text
            return text.withUTF8 { bytes in
                sqlite_nio_sqlite3_bind_text64(
                    statement,
                    index,
                    bytes.baseAddress,
                    UInt64(bytes.count),
                    transient,
                    UInt8(SQLITE_UTF8)
                )
            }
        case .blob(let buffer):
            return buffer.withUnsafeReadableBytes { bytes in
                sqlite_nio_sqlite3_bind_blob64(statement, index, bytes.baseAddress, UInt64(bytes.count), transient)
            }
        }
    }

    private func cell(_ column: Int32, of statement: OpaquePointer) -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: return .integer(Int(sqlite_nio_sqlite3_column_int64(statement, column)))
        case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(statement, column))
        case SQLITE_TEXT:
            guard let text = sqlite_nio_sqlite3_column_text(statement, column) else { return .text("") }
            let length = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self))
        case SQLITE_BLOB:
            let length = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            var buffer = ByteBufferAllocator().buffer(capacity: length)
            if let bytes = sqlite_nio_sqlite3_column_blob(statement, column) {
                buffer.writeBytes(UnsafeRawBufferPointer(start: bytes, count: length))
            }
            return .blob(buffer)
        default: return .null
        }
    }
}

/// SQLite's "copy the value now" destructor, which the C header spells as a cast Swift cannot import.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
