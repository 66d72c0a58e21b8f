package sessionconformance;

import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleEvent;
import org.apache.catalina.LifecycleListener;
import org.apache.catalina.Server;
import org.apache.catalina.Service;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.util.ServerInfo;

/**
 * A Server listener that prints the suite's ReadyLine once every connector listens, with the
 * ports the connectors were given (port="0": the OS picks free ones).
 */
public final class ReadyListener implements LifecycleListener {
  @Override
  public void lifecycleEvent(LifecycleEvent event) {
    if (!Lifecycle.AFTER_START_EVENT.equals(event.getType())) return;
    int port = -1;
    int httpsPort = -1;
    for (Service service : ((Server) event.getLifecycle()).findServices()) {
      for (Connector connector : service.findConnectors()) {
        if (connector.getSecure()) httpsPort = connector.getLocalPort();
        else port = connector.getLocalPort();
      }
    }
    String version = ServerInfo.getServerInfo().replace("\\", "").replace("\"", "");
    synchronized (System.out) {
      System.out.println("{\"ready\":true,\"port\":" + port + (httpsPort > 0 ? ",\"httpsPort\":" + httpsPort : "") + ",\"version\":\"" + version + "\"}");
      System.out.flush();
    }
  }
}
