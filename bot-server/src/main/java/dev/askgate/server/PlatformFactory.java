package dev.askgate.server;

/**
 * Creates the chat platforms {@code serve} runs, from the configuration and the shared pieces. {@link Platforms}
 * is the real one; tests hand {@link Askgate} their own, so that they run the real {@code serve}.
 */
@FunctionalInterface
interface PlatformFactory {
    EnabledPlatforms create(AskgateConfig config, Wiring wiring);
}
