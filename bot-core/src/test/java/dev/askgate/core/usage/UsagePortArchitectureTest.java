package dev.askgate.core.usage;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The usage port speaks core types only: no JDBC, no pool, no migration tool reaches bot-core. */
class UsagePortArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.askgate.core");

    @Test
    void coreKnowsNoDatabaseType() {
        noClasses().that().resideInAPackage("dev.askgate.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "java.sql..", "javax.sql..", "com.zaxxer..", "org.flywaydb..", "org.sqlite..", "org.postgresql..")
                .check(CORE);
    }
}
