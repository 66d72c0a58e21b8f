Feature: The session cookie
  The session id travels in a cookie (Twisted: `TWISTED_SESSION`, `Path=/`). Sources: RFC 6265,
  RFC 6265bis and OWASP ASVS 5.0 3.3. In a real browser (`--client chromium`) the cookie is
  judged by what it does: whether page scripts can read it, whether requests from another site
  carry it, whether a plain-HTTP visit carries a cookie set over HTTPS. The default client reads
  the attributes that cause those effects, from the raw Set-Cookie header and from a cookie jar,
  and both readings must agree, so a lenient jar cannot hide a server's mistake.

  @COOKIE-1 @MUST
  Scenario: The session cookie covers the whole site
    When Alice visits the site for the first time
    Then the session cookie Alice was given has the path "/"

  @COOKIE-2 @SHOULD
  Scenario: The session cookie is hidden from page scripts
    When Alice visits the site for the first time
    Then the session cookie Alice was given is hidden from page scripts

  @COOKIE-3 @SHOULD
  Scenario: The session cookie is not sent on cross-site requests
    When Alice visits the site for the first time
    Then the session cookie Alice was given is not sent on cross-site requests

  @COOKIE-4 @MUST @https
  Scenario: Over HTTPS the session cookie is only ever sent over HTTPS
    When Alice visits the site for the first time
    Then the session cookie Alice was given never travels in clear text

  @COOKIE-5 @MAY
  Scenario: The session cookie is set when the session is made, not on every reload
    When Alice visits the site for the first time
    And Alice reloads the page 3 times
    Then the session cookie was set on Alice's first visit only

  @COOKIE-6 @MUST
  Scenario: The session cookie fits the size every browser keeps
    When Alice visits the site for the first time
    Then the session cookie Alice was given fits in 4096 bytes
