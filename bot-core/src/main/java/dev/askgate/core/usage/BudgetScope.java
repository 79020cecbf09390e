package dev.askgate.core.usage;

/** Whose budget a limit guards; the names are those of the {@code limits:} keys in the config file. */
public enum BudgetScope {
    USER("user"), CHANNEL("channel"), WORKSPACE("workspace"), GLOBAL("global");

    private final String configName;

    BudgetScope(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }
}
