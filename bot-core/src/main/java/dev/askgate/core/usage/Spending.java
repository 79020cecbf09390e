package dev.askgate.core.usage;

import dev.askgate.core.ChatRequest;

/**
 * Spend control on the answer path, once for every platform and {@code askgate chat}: called by the chat service
 * after the context fit (when the prompt's tokens are known, or bounded) and before anything is shown. It reserves
 * the call's worst case against every budget that applies; the {@link CallCharge} it returns settles the real usage
 * and writes the call's ledger row when the call ends.
 */
public interface Spending {

    /**
     * @param model        the model the call asks for
     * @param promptTokens the messages as sent, counted with the tokenizer or bounded by their UTF-8 length (never
     *                     fewer than they are)
     * @param outputCap    the answer's cap, sent as {@code max_completion_tokens}
     */
    SpendCheck reserve(ChatRequest request, String model, int promptTokens, int outputCap);

    /** Nothing reserved, nothing recorded: for tests and tools that run without a usage store. */
    static Spending unmetered() {
        return (request, model, promptTokens, outputCap) -> new SpendCheck.Go(CallCharge.NONE);
    }
}
