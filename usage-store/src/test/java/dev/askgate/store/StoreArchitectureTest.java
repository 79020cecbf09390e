package dev.askgate.store;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The store sits below core's port: it knows no server, adapter or platform, and shows only its factory, the
 * factory's settings and the SQLite backup ({@code askgate backup}) with its outcomes.
 */
class StoreArchitectureTest {
    private static final JavaClasses STORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.askgate.store");

    @Test
    void theStoreDependsOnNoServerAdapterOrPlatformLibrary() {
        noClasses().that().resideInAPackage("dev.askgate.store..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.askgate.server..", "dev.askgate.discord..", "dev.askgate.slack..",
                        "net.dv8tion..", "com.slack..", "ch.qos.logback..")
                .check(STORE);
    }

    @Test
    void onlyTheFactoryItsSettingsAndTheBackupArePublic() {
        classes().that().resideInAPackage("dev.askgate.store").and().arePublic()
                .should().haveSimpleNameStartingWith("UsageStores").orShould().haveSimpleName("StoreSettings")
                .orShould().haveNameMatching("dev\\.askgate\\.store\\.SqliteBackup(\\$Result(\\$\\w+)?)?")
                .check(STORE);
    }
}
