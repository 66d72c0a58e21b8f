Feature: The session cookie
  The session id travels in a cookie (Twisted: `TWISTED_SESSION`, `Path=/`). These checks read
  the raw Set-Cookie header as the server sent it, and the browser's cookie jar as well, so
  a lenient jar cannot hide a server's mistake. Sources: RFC 6265 and OWASP ASVS 5.0 3.3.

  @COOKIE-1 @MUST
  Scenario: The session cookie covers the whole site
    When Alice visits the site for the first time
    Then the session cookie Alice was given has the path "/"

  @COOKIE-2 @SHOULD
  Scenario: The session cookie is hidden from page scripts
    When Alice visits the site for the first time
    Then the session cookie Alice was given is marked HttpOnly

  @COOKIE-3 @SHOULD
  Scenario: The session cookie is not sent on cross-site requests
    When Alice visits the site for the first time
    Then the session cookie Alice was given has SameSite Lax or Strict

  @COOKIE-4 @MUST @https
  Scenario: Over HTTPS the session cookie is only ever sent over HTTPS
    When Alice visits the site for the first time
    Then the session cookie Alice was given is marked Secure

  @COOKIE-5 @MAY
  Scenario: The session cookie is set when the session is made, not on every reload
    When Alice visits the site for the first time
    And Alice reloads the page 3 times
    Then the session cookie was set on Alice's first visit only

  @COOKIE-6 @MUST
  Scenario: The session cookie fits the size every browser keeps
    When Alice visits the site for the first time
    Then the session cookie Alice was given fits in 4096 bytes
