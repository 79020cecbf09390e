package dev.askgate.server;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The launcher is the one place that reads the environment, and its main code never uses the test fakes. */
@AnalyzeClasses(packages = "dev.askgate.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule onlyTheLauncherReadsTheEnvironment = noClasses()
            .that().resideInAPackage("dev.askgate.server..").and().doNotHaveFullyQualifiedName(Askgate.class.getName())
            .should().callMethod(System.class, "getenv").orShould().callMethod(System.class, "getenv", String.class);

    @ArchTest
    static final ArchRule usesNoTestFakes = noClasses().that().resideInAPackage("dev.askgate.server..")
            .should().dependOnClassesThat().resideInAPackage("dev.askgate.testkit..");
}
