Feature: Security of the session id
  What a security review checks first, from OWASP ASVS: the session token has "at least 128
  bits of entropy" from a CSPRNG (ASVS 5.0 7.2.3, 4.0.3 3.2.2 and 3.2.4); "the application
  never reveals session tokens in URL parameters" (4.0.3 3.1.1); responses that carry the
  session are not stored by caches (5.0 14.3.2); and an ended session is not revived
  (5.0 7.4.1). Real incidents are the reason for the last one: in express-session #632 a
  logout racing a long request saved the session again, and in Django #21608 concurrent
  requests revived sessions that had logged out.

  The two statistical scenarios (@http-only) collect ids from many first visits. They run over plain
  HTTP only, since a server makes its ids the same way whatever the transport; over HTTPS they
  are reported as not applicable. So does the slow-request race (SEC-5), which waits in real
  time and ends sessions the same way over either transport. The sample size, the entropy threshold and the significance
  level are run parameters (`--thorough` raises the sample to 20,000 ids), and each scenario
  shows its figures in the report.

  @SEC-1 @MUST @http-only
  Scenario: Session ids carry at least 128 bits of entropy
    ASVS 5.0 7.2.3. Each character is read over the symbols actually seen there, as Burp
    Sequencer does, so any alphabet works (hex, base32, base36, base64url, UUIDs); a character
    that never varies carries no entropy. Bits repeated or derived from other characters count
    once, so a 64-bit id written four times is 64 bits. A pass means a 99.9% lower confidence
    bound reached 128 bits; a sample too small to show it is an error, never a pass.

    When many visitors each visit the site for the first time
    Then no two of them were given the same session id
    And the session ids carry at least the required bits of entropy

  @SEC-2 @SHOULD @http-only
  Scenario: Session ids show no structure
    Bias per character and per bit, related pairs of bits, linear relations (GF(2) rank),
    consecutive ids (counters and clocks) and repeated ids, at one significance level for the
    whole battery. Fixed characters (a UUID's version digit, a node prefix) are not structure:
    they are SEC-1's lost entropy. Passing does not prove a CSPRNG (a hash of a counter passes);
    failing proves a weak or structured generator. steps/randomness/README.md gives each test's
    false-failure rate and the smallest defect it detects.

    When many visitors each visit the site for the first time
    Then the session ids pass the randomness tests

  @SEC-3 @MUST
  Scenario: A session id offered in the address is not accepted
    ASVS 4.0.3 3.1.1. An id taken from the query string or from a path parameter (Tomcat's
    `;jsessionid=`, PHP's `session.use_trans_sid`) leaks through Referer headers, logs and
    shared links. It also lets an attacker fix a victim's session with a link.

    Given Alice has visited the site
    When Mallory visits the site with Alice's session id in the address
    Then Mallory never gets Alice's session

  @SEC-4 @SHOULD
  Scenario: A page that sets the session cookie is not kept by caches
    ASVS 5.0 14.3.2. A shared cache that stores a response carrying Set-Cookie hands the
    session to the next visitor, so `Cache-Control: no-store` (or `private`) must keep it out.

    When Alice visits the site for the first time
    And Alice visits the expire page
    And Alice visits the site
    Then every answer that set Alice's session cookie kept caches from storing it

  @SEC-5 @MUST @slow @http-only
  Scenario: A slow request that outlives its session does not bring it back
    express-session #632 and Django #21608: a request that loaded the session before it
    ended writes it back when it finishes, so the old cookie works again. Needs the target's
    slow page, which holds the session for a while before it writes to it.

    Given Alice has visited the site
    And Alice keeps a copy of the session cookie
    When Alice starts loading the slow page
    And Alice visits the expire page while the slow page is loading
    And Mallory replays Alice's kept session cookie while the slow page is loading
    And Alice's slow page has finished loading
    And Mallory visits the site with Alice's kept session cookie
    Then Mallory never gets Alice's session
