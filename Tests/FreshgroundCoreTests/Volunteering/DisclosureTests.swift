import FreshgroundCore
import Testing

@Suite("Keeping figures from pointing at individuals")
struct DisclosureTests {
    @Test func smallCountsAreShownAsUnderFive() {
        #expect(Disclosure.cell(0) == "<5")
        #expect(Disclosure.cell(4) == "<5")
        #expect(Disclosure.cell(5) == "5")
        #expect(Disclosure.cell(123) == "123")
    }

    /// `guardian.admit(answer)`, outside `#expect`, which cannot call a mutating method.
    static func admit(_ guardian: inout Disclosure.Guard, _ answer: Set<Int>) -> Bool { guardian.admit(answer) }

    @Test func twoAnswersOnePersonApartAreRefusedFiveApartAdmitted() {
        var guardian = Disclosure.Guard()
        let everyone = Set(1...20)
        #expect(Self.admit(&guardian, everyone))
        // "everyone but one" set against "everyone" would single that one out
        #expect(!Self.admit(&guardian, Set(1...19)))
        #expect(guardian.shown == [everyone])
        // five more people: the difference hides among five
        #expect(Self.admit(&guardian, Set(1...25)))
        // one more than the first answer (four fewer than the second) is refused against the first
        #expect(!Self.admit(&guardian, Set(1...21)))
        // ten more than the first and five more than the second: admitted
        #expect(Self.admit(&guardian, Set(1...30)))
        // asking the same again reveals nothing new and is not recorded twice
        #expect(Self.admit(&guardian, everyone))
        #expect(guardian.shown == [everyone, Set(1...25), Set(1...30)])
    }

    @Test func answersDifferWhenOneToFourPeopleSetThemApart() {
        #expect(!Disclosure.differs([1, 2, 3], [1, 2, 3]))
        #expect(Disclosure.differs([1, 2], [3, 4]))  // four people apart
        #expect(!Disclosure.differs([1, 2, 3], [4, 5]))  // five apart
        #expect(Disclosure.differs(Set(1...100), Set(2...101)))  // same size, two apart
    }
}
