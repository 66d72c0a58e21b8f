Feature: Session basics
  Twisted Web's "Session Basics" page: a visitor's session is named by an opaque session id
  carried in a cookie. "You'll see a (rather opaque) session identifier that remains the same
  across reloads (at least until you flush the TWISTED_SESSION cookie from your browser or
  enough time passes). You can then visit the expire child and go back to the top page and
  see that you have a new session."

  Each scenario checks one requirement, named by its id tag and its level tag.

  @BASIC-1 @MUST
  Scenario: A first visit creates a session
    When Alice visits the site for the first time
    Then Alice is given a session cookie
    And Alice's page shows a session id

  @BASIC-2 @MUST
  Scenario: Reloading the page keeps the same session
    Given Alice has visited the site
    When Alice reloads the page 5 times
    Then Alice sees the same session id every time

  @BASIC-3 @MUST
  Scenario: After the session is expired, the next visit starts a new one
    Given Alice has visited the site
    When Alice visits the expire page
    And Alice visits the site
    Then Alice has a new session id

  @BASIC-4 @MUST
  Scenario: Expiring one visitor's session leaves another visitor's session alone
    Given Alice has visited the site
    And Bob has visited the site
    When Alice visits the expire page
    And Bob visits the site
    Then Bob sees the same session id every time

  @BASIC-5 @MUST
  Scenario: Flushing the session cookie starts a new session
    Given Alice has visited the site
    When Alice flushes the browser's cookies
    And Alice visits the site
    Then Alice has a new session id

  @BASIC-6 @MUST
  Scenario: Staying away longer than the idle timeout starts a new session
    Given Alice has visited the site
    When the idle timeout passes without a visit
    And Alice visits the site
    Then Alice has a new session id

  @BASIC-7 @MUST
  Scenario: Visiting within the timeout keeps the session alive past one timeout
    The session-endings page: "keep visiting it to keep your session active".

    Given Alice has visited the site
    When Alice visits the site every half timeout until twice the timeout has passed
    Then Alice sees the same session id every time

  @BASIC-8 @MUST
  Scenario: A session id that was expired is never accepted again
    Ended sessions are not revived (OWASP ASVS 5.0 7.4.1). The old cookie is replayed exactly as
    it was kept, in a raw Cookie header, as an attacker who stole it would send it.

    Given Alice has visited the site
    And Alice keeps a copy of the session cookie
    When Alice visits the expire page
    And Mallory visits the site with Alice's kept session cookie
    Then Mallory does not get Alice's old session id

  @BASIC-9 @MUST
  Scenario: Two visitors get different sessions
    When Alice visits the site
    And Bob visits the site
    Then Alice and Bob have different session ids

  @BASIC-10 @MUST
  Scenario: A session id the server never issued is not adopted
    Strict mode, as OWASP's Session Management Cheat Sheet asks (ASVS 5.0 7.2.1): a cookie value
    the server did not issue must not become a session, or an attacker can fix a victim's id.

    When Mallory visits the site with a session cookie the server never issued
    Then Mallory is given a new session id, not the forged one

  @BASIC-11 @MUST
  Scenario: A session id that timed out is never accepted again
    Ended sessions are not revived (OWASP ASVS 5.0 7.4.1), whether they ended by logout or by
    the idle timeout. The old cookie is replayed in a raw Cookie header after the timeout, even
    when a browser would have dropped it by then: an attacker keeps it.

    Given Bob has visited the site
    And Bob keeps a copy of the session cookie
    When the idle timeout passes without a visit
    And Mallory visits the site with Bob's kept session cookie
    Then Mallory does not get Bob's old session id
