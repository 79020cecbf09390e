package dev.askgate.discord;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The Discord adapter knows the core and JDA, never the other adapter or the launcher. */
@AnalyzeClasses(packages = "dev.askgate.discord", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule knowsNeitherSlackNorTheServer = noClasses().that().resideInAPackage("dev.askgate.discord..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.askgate.slack..", "dev.askgate.server..",
                    "com.slack..", "dev.askgate.testkit..");

    /** Who may ask, and what, is core's admission's to decide: the adapter only looks things up for it. */
    @ArchTest
    static final ArchRule leavesAdmissionToTheCore = noClasses().that().resideInAPackage("dev.askgate.discord..")
            .should().dependOnClassesThat().haveFullyQualifiedName("dev.askgate.core.policy.AccessPolicy")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.askgate.core.policy.RefusalThrottle")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.askgate.core.guard.SecretGuard");

    @ArchTest
    static final ArchRule readsNoEnvironment = noClasses().that().resideInAPackage("dev.askgate.discord..")
            .should().callMethod(System.class, "getenv").orShould().callMethod(System.class, "getenv", String.class);
}
