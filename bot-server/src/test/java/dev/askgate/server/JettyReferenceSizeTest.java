package dev.askgate.server;

import org.eclipse.jetty.util.MemoryUtils;
import org.junit.jupiter.api.Test;

import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class JettyReferenceSizeTest {

    @Test
    void jettyIsToldWhatItWouldHaveComputedForThisJvm() throws Exception {
        // Every HttpEndpoints of the suite has told Jetty before this runs, or this does it now.
        JettyReferenceSize.tellJetty();

        // Jetty's own way (MemoryUtils without the property): the diagnostic MBean, through the MBean server.
        var option = (CompositeData) ManagementFactory.getPlatformMBeanServer().invoke(
                ObjectName.getInstance("com.sun.management:type=HotSpotDiagnostic"), "getVMOption",
                new Object[] {"UseCompressedOops"}, new String[] {String.class.getName()});
        boolean compressed = Boolean.parseBoolean((String) option.get("value"));
        int expected = MemoryUtils.getCacheLineBytes() / (compressed ? 4 : 8);
        assertThat(System.getProperty(JettyReferenceSize.PROPERTY)).isEqualTo(String.valueOf(expected));
        assertThat(MemoryUtils.getReferencesPerCacheLine()).isEqualTo(expected);
    }

    @Test
    void askgatesHttpEndpointsStartWithoutThePlatformMBeanServerThatABareJettyCreates() throws Exception {
        assertThat(mbeanServersAfter("told")).isEqualTo("0");
        assertThat(mbeanServersAfter("untold")).isEqualTo("1"); // what the first would say without the fix
    }

    /** Runs {@link JettyAlone} in a JVM of its own (this one may have an MBean server already) and returns its line. */
    private static String mbeanServersAfter(String how) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                JettyAlone.class.getName(), how).redirectErrorStream(true).start();
        process.getOutputStream().close();
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) process.destroyForcibly();
        assertThat(ended).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        List<String> lines = output.lines().filter(line -> line.matches("\\d+")).toList();
        assertThat(lines).as(output).hasSize(1);
        return lines.getFirst();
    }

    @Test
    void aValueTheOperatorSetIsLeftAsItIs() {
        String before = System.getProperty(JettyReferenceSize.PROPERTY);
        System.setProperty(JettyReferenceSize.PROPERTY, "3");
        try {
            JettyReferenceSize.tellJetty();

            assertThat(System.getProperty(JettyReferenceSize.PROPERTY)).isEqualTo("3");
        } finally {
            if (before == null) System.clearProperty(JettyReferenceSize.PROPERTY);
            else System.setProperty(JettyReferenceSize.PROPERTY, before);
        }
    }
}
