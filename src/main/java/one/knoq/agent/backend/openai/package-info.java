/**
 * The {@code openai} backend: our own agent loop over any OpenAI-compatible Chat Completions server
 * (OpenAI, Ollama, vLLM, llama.cpp, LM Studio).
 */
@NullMarked
package one.knoq.agent.backend.openai;

import org.jspecify.annotations.NullMarked;
