Feature: Session endings
  Twisted Web's "Session Endings" page: code can ask to be told when a session ends, with
  `notifyOnExpire`, and is told once, whether the session was expired or timed out; "keep
  visiting it to keep your session active". Needs a page that asks to be told, and a way to
  see the `Session <uid> has expired.` lines.

  @END-1 @MUST @endings
  Scenario: Expiring a session notifies at once, and exactly once, naming the session
    `expire()` ends the session when it is called, so the notice comes then, not at some later
    sweep; and it does not come again when the timeout would have passed.

    Given Alice has visited the site
    And Alice has visited the notify page
    When Alice visits the expire page
    Then the end of Alice's session is reported exactly once
    When the idle timeout passes without a visit
    Then the end of Alice's session is reported exactly once

  @END-2 @MUST @endings
  Scenario: A session that times out notifies exactly once
    Given Alice has visited the site
    And Alice has visited the notify page
    When the idle timeout passes without a visit
    And the idle timeout passes without a visit
    Then the end of Alice's session is reported exactly once

  @END-3 @MUST @endings
  Scenario: A session kept active is not notified
    Given Alice has visited the site
    And Alice has visited the notify page
    When Alice visits the site every half timeout until twice the timeout has passed
    Then the end of Alice's session is not reported
