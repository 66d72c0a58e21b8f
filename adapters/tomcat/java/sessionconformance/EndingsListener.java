package sessionconformance;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

/**
 * The container's real hook for a session's end (Twisted's notifyOnExpire): prints
 * "Session <id> has expired." for sessions that visited /logme, whether invalidated or timed
 * out. Also gives each new session the idle timeout in seconds, which web.xml can only say in
 * whole minutes.
 */
public final class EndingsListener implements HttpSessionListener {
  @Override
  public void sessionCreated(HttpSessionEvent event) {
    HttpSession session = event.getSession();
    String seconds = session.getServletContext().getInitParameter("sessionTimeoutSeconds");
    if (seconds != null) session.setMaxInactiveInterval(Integer.parseInt(seconds));
  }

  @Override
  public void sessionDestroyed(HttpSessionEvent event) {
    HttpSession session = event.getSession();
    if (!Boolean.TRUE.equals(session.getAttribute(Pages.LOGME))) return;
    synchronized (System.out) {
      System.out.println("Session " + session.getId() + " has expired.");
      System.out.flush();
    }
  }
}
