package dev.askgate.server;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;
import java.util.Optional;

/**
 * Tells Jetty how many object references fill a cache line before its first queue pads itself by that number.
 * Left to find out, Jetty asks the HotSpot diagnostic MBean through the platform MBean server, and creating that
 * server registers every platform MBean (about 200 classes, JFR's command set among them, and 2 MiB of an idle
 * process's memory) for this one number. The JVM's own diagnostic bean answers without the server.
 */
final class JettyReferenceSize {
    static final String PROPERTY = "org.eclipse.jetty.util.referencesPerCacheLine";
    private static final String CACHE_LINE_PROPERTY = "org.eclipse.jetty.util.cacheLineBytes";
    private static final int JETTY_CACHE_LINE_BYTES = 64;

    private JettyReferenceSize() {
    }

    /** Sets {@value #PROPERTY} as Jetty would compute it, unless it is set already or the JVM cannot say. */
    static void tellJetty() {
        if (System.getProperty(PROPERTY) != null) return;
        // Without HotSpot's bean Jetty asks for itself, as it would have.
        compressedReferences().ifPresent(compressed -> {
            int cacheLine = Integer.getInteger(CACHE_LINE_PROPERTY, JETTY_CACHE_LINE_BYTES);
            System.setProperty(PROPERTY, String.valueOf(Math.max(1, cacheLine / (compressed ? 4 : 8))));
        });
    }

    /** Whether references are 4 bytes ({@code UseCompressedOops}); empty on a JVM without HotSpot's bean. */
    static Optional<Boolean> compressedReferences() {
        try {
            return Optional.ofNullable(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class))
                    .map(vm -> Boolean.parseBoolean(vm.getVMOption("UseCompressedOops").getValue()));
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }
}
