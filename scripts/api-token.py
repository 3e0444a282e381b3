#!/usr/bin/env python3
"""Logs in to a running Freshground server as a person and prints a new personal access token.

It does what a person does: opens the log-in page (which hands out the CSRF cookie), logs in with the
form, and makes a token on /me/tokens, where the new token is shown once. Only the standard library is
used, without proxies.

    scripts/api-token.py --base-url http://127.0.0.1:8080 --login demo1 --password freshground-demo
"""

import argparse
import html
import http.cookiejar
import re
import sys
import urllib.error
import urllib.parse
import urllib.request


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--login", required=True, help="handle or email")
    parser.add_argument("--password", required=True)
    parser.add_argument("--name", default="api-token.py", help="the token's name")
    args = parser.parse_args()
    base = args.base_url.rstrip("/")

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(
        urllib.request.ProxyHandler({}), urllib.request.HTTPCookieProcessor(jar)
    )

    def csrf() -> str:
        for cookie in jar:
            if cookie.name == "fg_csrf":
                return cookie.value
        raise SystemExit("api-token.py: the server set no fg_csrf cookie")

    def post(path: str, fields: dict) -> str:
        body = urllib.parse.urlencode({**fields, "_csrf": csrf()}).encode()
        request = urllib.request.Request(base + path, data=body, method="POST")
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        try:
            with opener.open(request, timeout=30) as response:
                return response.read().decode()
        except urllib.error.HTTPError as error:
            raise SystemExit(f"api-token.py: POST {path} answered {error.code}")

    opener.open(base + "/login", timeout=30).read()
    post("/login", {"login": args.login, "password": args.password, "next": "/me/tokens"})
    page = post("/me/tokens", {"name": args.name})
    found = re.search(r'<code id="new-token">([^<]+)</code>', page)
    if not found:
        raise SystemExit("api-token.py: /me/tokens showed no new token")
    print(html.unescape(found.group(1)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
