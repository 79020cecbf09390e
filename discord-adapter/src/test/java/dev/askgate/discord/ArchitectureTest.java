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

    @ArchTest
    static final ArchRule readsNoEnvironment = noClasses().that().resideInAPackage("dev.askgate.discord..")
            .should().callMethod(System.class, "getenv").orShould().callMethod(System.class, "getenv", String.class);
}
