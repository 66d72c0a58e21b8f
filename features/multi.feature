Feature: Sessions across nodes
  A site that outgrows one machine runs several nodes behind a load balancer, and the nodes keep
  their sessions in one shared store. A visitor's requests then land on any node, one after the
  other. To the visitor nothing may change: it is one site, with one session. The browser keeps
  one cookie for the host, whichever node answers.

  These scenarios apply to targets that run more than one node. "The first node" and "the second
  node" are two of them; the visitor's browser sends the same cookies to both.

  @MULTI-1 @MUST @multi-node
  Scenario: A session made on one node is the same session on the other
    When Alice visits the site on the first node
    And Alice visits the site on the second node
    And Alice visits the site on the first node
    Then Alice sees the same session id every time

  @MULTI-2 @MUST @multi-node
  Scenario: A session expired on one node is ended on the other at once
    Given Alice has visited the site on the first node
    And Alice has visited the site on the second node
    When Alice visits the expire page on the first node
    And Alice visits the site on the second node
    Then Alice has a new session id

  @MULTI-3 @MUST @multi-node
  Scenario: The idle timeout holds across nodes
    Visits on either node keep the session alive; staying away from both ends it.

    Given Alice has visited the site on the first node
    When Alice visits each node in turn every half timeout until twice the timeout has passed
    Then Alice sees the same session id every time
    When the idle timeout passes without a visit
    And Alice visits the site on the second node
    Then Alice has a new session id

  @MULTI-4 @MUST @counter @http-only @multi-node
  Scenario: Counter visits at the same instant on both nodes are all counted
    Given Alice has visited the counter page 1 time
    When Alice visits the counter page 50 times at the same instant, half on each node
    And Alice visits the counter page 1 time
    Then Alice's counter counted every visit

  @MULTI-5 @MUST @endings @multi-node
  Scenario: An ended session is reported exactly once, across all nodes
    Alice's session is expired on the other node than the one where she asked to be told; Bob's
    times out. Each ending is reported once, not once per node.

    Given Alice has visited the notify page on the first node
    And Alice has visited the notify page on the second node
    And Bob has visited the notify page on the first node
    And Bob has visited the notify page on the second node
    When Alice visits the expire page on the second node
    And the idle timeout passes without a visit
    Then the end of Alice's session is reported exactly once
    And the end of Bob's session is reported exactly once

  @MULTI-6 @MUST @multi-node @restart
  Scenario: A node restarted in the middle of a session keeps serving the same session
    As in a deploy: while one node restarts, the visitor's requests go to the other.

    Given Alice has visited the site on the first node
    And Alice has visited the counter page on the first node
    When the first node restarts while Alice keeps visiting the second node
    And Alice visits the site on the first node
    And Alice visits the counter page on the first node
    Then Alice sees the same session id every time
    And Alice's counter counted every visit
