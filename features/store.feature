Feature: Storing objects in the session
  Twisted Web's "Storing Objects in the Session" page: an object stored in a session is made
  on first use and kept for the session's life, so a counter kept there counts "Visit #1",
  "Visit #2", … within one session, separately for each visitor, and starts again with a new
  session. Needs the target's counter page.

  @STORE-1 @MUST @counter
  Scenario: A counter stored in the session counts the visits
    When Alice visits the counter page 3 times
    Then Alice's counter reads 1, 2, 3

  @STORE-2 @MUST @counter
  Scenario: Two visitors' counters are independent
    When Alice visits the counter page 2 times
    And Bob visits the counter page 1 time
    And Alice visits the counter page 1 time
    Then Alice's counter reads 1, 2, 3
    And Bob's counter reads 1

  @STORE-3 @MUST @counter
  Scenario: After the session is expired, a new session's counter starts again
    Given Alice has visited the counter page 2 times
    When Alice visits the expire page
    And Alice visits the counter page 1 time
    Then Alice's counter reads 1, 2, 1

  @STORE-4 @MUST @counter
  Scenario: After the idle timeout, a new session's counter starts again
    Given Alice has visited the counter page 2 times
    When the idle timeout passes without a visit
    And Alice visits the counter page 1 time
    Then Alice's counter reads 1, 2, 1
