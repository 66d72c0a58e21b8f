Feature: Bad input
  Every client controls the Cookie header, and a session layer is the first code that parses
  it. Whatever arrives, RFC 6265 section 5.4 and OWASP's Session Management Cheat Sheet ask the
  server to treat an id it cannot use as no id: the visitor gets a fresh session, never an
  error page, a crash or somebody else's session. Old browsers, broken proxies and attackers
  all send such headers. RFC 9110 sets the rest: a field value may not hold control bytes
  (5.5), HEAD is answered as GET is (9.3.2), and a method a page does not support gets 405
  (15.5.6).

  @ROBUST-1 @MUST
  Scenario: Malformed cookies get a fresh session, never a server error
    More than thirty cases: empty values, quotes, stray semicolons and equals signs, bad
    percent-encoding, non-ASCII and control bytes, very long names and values, a thousand
    cookies, and names that are JavaScript object keys. For a control byte, which no field
    value may hold, and for hundreds of cookies, more than a server need accept (RFC 6265 6.1
    asks for 50), refusing the whole request with a client error is fine too. Each case has a
    stable id, ROBUST-1.1 to ROBUST-1.35, listed in the report.

    Given Alice has visited the site
    When Mallory visits the site with each malformed cookie in turn
    Then Mallory never got a server error
    And each of those visits gave Mallory a working new session
    And Mallory never gets Alice's session

  @ROBUST-2 @MUST
  Scenario: Two session cookies of one name lead to one session, the same every time
    A browser sends two cookies of the same name when it holds them for different paths or
    domains. The server may pick either, but it must always pick the same way: never a server
    error, never switching between sessions from one request to the next, and never another
    visitor's session. The same cookie sent twice is still that session.

    Given Alice has visited the site
    And Bob has visited the site
    When Alice sends her session cookie twice or beside others of its name, while Bob keeps visiting
    Then Alice never got a server error
    And each of those cookie headers gave Alice one session, the same every time
    And Alice never gets Bob's session

  @ROBUST-3 @MUST
  Scenario: An oversized cookie is refused or ignored, and the site goes on serving
    No browser keeps a cookie header of that size (RFC 6265 6.1 asks for 4096 bytes per
    cookie). A server may answer 431 or another client error, or ignore the cookie and start
    a fresh session. It must not fail or stop serving its other visitors.

    Given Bob has visited the site
    When Mallory sends an oversized cookie several times while Bob visits the site
    And Bob visits the site
    Then Mallory was refused with a client error or given a new session each time
    And Bob sees the same session id every time

  @ROBUST-4 @SHOULD
  Scenario: HEAD is answered as GET is, without a body
    RFC 9110 9.3.2: "The server SHOULD send the same header fields in response to a HEAD request
    as it would have sent if the request method had been GET", and no content. The answer is
    read off the connection, byte for byte, so a body sent by mistake shows.

    Given Alice has visited the site
    When Alice reloads the page asking for its head only
    And Mallory visits the site for the first time asking for its head only
    Then each head-only answer Alice got matched the full answer but for the body
    And each head-only answer Mallory got matched the full answer but for the body
    And Alice sees the same session id every time

  @ROBUST-5 @SHOULD
  Scenario: A method the page does not support is refused without a session
    RFC 9110 15.5.6: a method the page does not support gets 405. A refused request must not
    leave a session behind, or every refused request would add one to the store.

    When Carol asks to change, replace or delete the page
    Then each of those requests was refused as not allowed, and Carol was given no session
