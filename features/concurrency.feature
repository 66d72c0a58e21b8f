Feature: Concurrent requests
  One visitor's requests overlap all the time: a browser opens up to six connections to a
  host, and HTTP/2 carries many streams on one. Session layers that load a session, work on a
  copy and save it whole lose data or sessions under that load. express-session #935 (parallel
  saves overwrite each other) and Django #21608 (concurrent requests revived ended sessions)
  are two examples; see the peers table, "parallel writes". Ids made from a clock collide when
  many visitors arrive within the same tick. How many requests go at once is a run parameter,
  shown in each scenario's figures.

  These scenarios (@http-only) run over plain HTTP only: a session layer handles overlapping
  requests the same way whichever transport brought them, and over HTTPS they would mostly
  time a hundred TLS handshakes. Over HTTPS they are reported as not applicable.

  @CONC-1 @MUST @http-only
  Scenario: Many requests at once with one cookie all see the same session
    Given Alice has visited the site
    When Alice loads the site many times at the same instant
    Then Alice sees the same session id every time

  @CONC-2 @SHOULD @counter @http-only
  Scenario: Many counter visits at once in one session are all counted
    Twisted keeps the counter in memory on the session object, so every increment lands. A
    store that saves whole sessions keeps only the last of several overlapping writes.

    Given Alice has visited the counter page 1 time
    When Alice visits the counter page many times at the same instant, again and again
    And Alice visits the counter page 1 time
    Then Alice's counter counted every visit

  @CONC-3 @MUST @http-only
  Scenario: Many first visits at once each get a session of their own
    When many visitors visit the site for the first time at once
    Then no two of them were given the same session id
