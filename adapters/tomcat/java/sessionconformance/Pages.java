package sessionconformance;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Twisted Web's three session examples (session-basics, session-store, session-endings) as
 * servlets on the container's own HttpSession, plus the suite's slow page and endings sync.
 */
public final class Pages {
  private Pages() {}

  /** The session attribute /logme sets; EndingsListener prints the ending of sessions that carry it. */
  public static final String LOGME = "sessionconformance.logme";
  /** The page contract's cap on the slow page's hold (lib/pages.ts MAX_SLOW_MS). */
  private static final long MAX_SLOW_MS = 10_000;

  static void text(HttpServletResponse response, String body) throws IOException {
    response.setContentType("text/html;charset=UTF-8");
    response.getWriter().write(body);
  }

  /** session-basics: ShowSession. */
  public static final class Show extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      text(response, "Your session id is: " + request.getSession().getId());
    }
  }

  /** session-basics: ExpireSession. */
  public static final class Expire extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      request.getSession().invalidate();
      text(response, "Your session has been expired.");
    }
  }

  /**
   * session-store: an object stored in the session counts the visits. An AtomicInteger, since
   * servlet threads share a session where Twisted's one reactor thread made `value += 1` safe.
   */
  public static final class Counter extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      HttpSession session = request.getSession();
      AtomicInteger counter = (AtomicInteger) session.getAttribute("counter");
      if (counter == null) {
        counter = new AtomicInteger();
        session.setAttribute("counter", counter);
      }
      text(response, "<!DOCTYPE html><html><head><meta charset='utf-8'><title></title></head><body>Visit #" + counter.incrementAndGet() + " for you!");
    }
  }

  /** session-endings: ask to be told when this session ends (notifyOnExpire). */
  public static final class LogMe extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      request.getSession().setAttribute(LOGME, Boolean.TRUE);
      text(response, "");
    }
  }

  /** The suite's slow page (SEC-5): load the session, hold it, then write to it. */
  public static final class Slow extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      long ms;
      try {
        ms = Math.min(Math.max(Long.parseLong(request.getParameter("ms")), 0), MAX_SLOW_MS);
      } catch (NumberFormatException | NullPointerException bad) {
        response.sendError(400, "ms must be a number of milliseconds");
        return;
      }
      HttpSession session = request.getSession();
      try {
        Thread.sleep(ms);
      } catch (InterruptedException stopping) {
        Thread.currentThread().interrupt();
      }
      try {
        session.setAttribute("heldAt", System.currentTimeMillis());
      } catch (IllegalStateException ended) {
        // The session was invalidated while this request held it: there is nothing to write to.
      }
      text(response, "Your session was held for " + ms + " ms.");
    }
  }

  /** POST /_endings/sync: a marker after every ending line printed so far; makes no session. */
  public static final class EndingsSync extends HttpServlet {
    private final AtomicInteger syncs = new AtomicInteger();

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
      int n = syncs.incrementAndGet();
      synchronized (System.out) {
        System.out.println("_sync " + n);
        System.out.flush();
      }
      response.setContentType("text/plain;charset=UTF-8");
      response.getWriter().write(String.valueOf(n));
    }
  }
}
