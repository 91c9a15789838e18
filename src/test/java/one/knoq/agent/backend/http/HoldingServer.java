package one.knoq.agent.backend.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTP server that reads one request and never answers, and reports when the client
 * closes the connection: the exact observation "cancel closes the upstream connection" needs,
 * which MockWebServer does not expose.
 */
public final class HoldingServer implements AutoCloseable {

  private final ServerSocket server;
  private final CountDownLatch requestReceived = new CountDownLatch(1);
  private final CountDownLatch clientClosed = new CountDownLatch(1);
  private final Thread thread;

  public HoldingServer() throws IOException {
    server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    thread = new Thread(this::serve, "holding-server");
    thread.setDaemon(true);
    thread.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  public boolean awaitRequest(long millis) throws InterruptedException {
    return requestReceived.await(millis, TimeUnit.MILLISECONDS);
  }

  public boolean awaitClientClosed(long millis) throws InterruptedException {
    return clientClosed.await(millis, TimeUnit.MILLISECONDS);
  }

  private void serve() {
    try (Socket socket = server.accept()) {
      InputStream in = socket.getInputStream();
      var head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          return;
        }
        head.append((char) b);
      }
      requestReceived.countDown();
      // hold the response; the only way out of this loop is the client closing its end
      byte[] buffer = new byte[8192];
      while (in.read(buffer) >= 0) {
        // discard the request body
      }
      clientClosed.countDown();
    } catch (IOException e) {
      clientClosed.countDown(); // a reset is a close too
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
