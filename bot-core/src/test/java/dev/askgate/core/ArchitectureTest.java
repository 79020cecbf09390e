package dev.askgate.core;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** bot-core knows no platform and no server: arrows point down only. */
class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.askgate.core");

    @Test
    void coreDependsOnNoServerAdapterOrPlatformLibrary() {
        noClasses().that().resideInAPackage("dev.askgate.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.askgate.server..", "dev.askgate.discord..", "dev.askgate.slack..",
                        "net.dv8tion..", "com.slack..", "dev.askgate.testkit..")
                .check(CORE);
    }

    @Test
    void corePackagesDependOnEachOtherWithoutCycles() {
        slices().matching("dev.askgate.core.(*)..").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void coreReadsNoEnvironment() {
        noClasses().that().resideInAPackage("dev.askgate.core..")
                .should().callMethod(System.class, "getenv").orShould().callMethod(System.class, "getenv", String.class)
                .check(CORE);
    }

    @Test
    void coreLogsThroughSlf4jOnly() {
        noClasses().that().resideInAPackage("dev.askgate.core..")
                .should().dependOnClassesThat().resideInAnyPackage("ch.qos.logback..", "java.util.logging..")
                .check(CORE);
    }
}
