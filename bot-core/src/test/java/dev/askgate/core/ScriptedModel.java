package dev.askgate.core;

import dev.askgate.core.model.ModelCheck;
import dev.askgate.core.model.ChatModel;
import dev.askgate.core.model.ModelError;
import dev.askgate.core.model.ModelRequest;
import dev.askgate.core.model.ModelResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A ChatModel that streams scripted deltas and ends with a scripted result, recording every request. */
public final class ScriptedModel implements ChatModel {
    private final List<String> deltas;
    private final ModelResult result;
    public final List<ModelRequest> requests = new ArrayList<>();

    private ScriptedModel(List<String> deltas, ModelResult result) {
        this.deltas = deltas;
        this.result = result;
    }

    /** Streams {@code deltas}, then completes with their concatenation. */
    public static ScriptedModel answering(String... deltas) {
        String text = String.join("", deltas);
        return new ScriptedModel(List.of(deltas),
                new ModelResult.Completed(text, "stop", new Usage(20, 5, 7), "gpt-test-2025", "req_upstream_1"));
    }

    /** Streams {@code deltas}, then fails with {@code error}. */
    public static ScriptedModel failingAfter(ModelError error, String... deltas) {
        return new ScriptedModel(List.of(deltas), new ModelResult.Failed(error, String.join("", deltas), Usage.NONE));
    }

    @Override
    public ModelResult stream(ModelRequest request, DeltaListener onDelta) {
        requests.add(request);
        deltas.forEach(onDelta::onDelta);
        return result;
    }

    @Override
    public ModelResult complete(ModelRequest request) {
        requests.add(request);
        return result;
    }

    @Override
    public ModelCheck check() {
        return new ModelCheck.Available();
    }
}
