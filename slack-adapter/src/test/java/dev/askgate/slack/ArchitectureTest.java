package dev.askgate.slack;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The Slack adapter knows the core and Bolt, never the other adapter, the launcher or the test fakes. */
@AnalyzeClasses(packages = "dev.askgate.slack", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule knowsNeitherDiscordNorTheServer = noClasses().that().resideInAPackage("dev.askgate.slack..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.askgate.discord..", "dev.askgate.server..",
                    "net.dv8tion..", "dev.askgate.testkit..");

    /** Who may ask, and what, is core's admission's to decide: the adapter only says who, what and where. */
    @ArchTest
    static final ArchRule leavesAdmissionToTheCore = noClasses().that().resideInAPackage("dev.askgate.slack..")
            .should().dependOnClassesThat().haveFullyQualifiedName("dev.askgate.core.policy.AccessPolicy")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.askgate.core.policy.RefusalThrottle")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.askgate.core.guard.SecretGuard");

    @ArchTest
    static final ArchRule readsNoEnvironment = noClasses().that().resideInAPackage("dev.askgate.slack..")
            .should().callMethod(System.class, "getenv").orShould().callMethod(System.class, "getenv", String.class);
}
