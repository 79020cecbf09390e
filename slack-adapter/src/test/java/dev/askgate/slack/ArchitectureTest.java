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

    @ArchTest
    static final ArchRule readsNoEnvironment = noClasses().that().resideInAPackage("dev.askgate.slack..")
            .should().callMethod(System.class, "getenv").orShould().callMethod(System.class, "getenv", String.class);
}
