package dev.askgate.server;

import org.eclipse.jetty.util.thread.QueuedThreadPool;

import javax.management.MBeanServerFactory;
import java.util.List;

/**
 * Run in a JVM of its own by {@link JettyReferenceSizeTest}: starts Askgate's HTTP endpoints ({@code told}) or a bare
 * Jetty thread pool ({@code untold}) and prints how many MBean servers the process then has.
 */
public final class JettyAlone {
    private JettyAlone() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("told")) {
            try (var endpoints = new HttpEndpoints(0, List.of(), List.of())) {
                endpoints.start();
                System.out.println(MBeanServerFactory.findMBeanServer(null).size());
            }
        } else {
            new QueuedThreadPool(8, 2);
            System.out.println(MBeanServerFactory.findMBeanServer(null).size());
        }
    }
}
