package dev.askgate.server;

import org.eclipse.jetty.util.MemoryUtils;
import org.junit.jupiter.api.Test;

import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import java.lang.management.ManagementFactory;

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
