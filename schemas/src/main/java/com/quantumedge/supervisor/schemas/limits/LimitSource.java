package com.quantumedge.supervisor.schemas.limits;

/** Where a limit in force came from, most specific first; {@link #label()} is what the API and CLI show. */
public enum LimitSource {

    /** The bot's record, its {@code symbols} entry for the symbol. */
    BOT_SYMBOL("bot-symbol"),
    /** The bot's record. */
    BOT("bot"),
    /** The defaults record ({@code *}), its {@code symbols} entry for the symbol. */
    DEFAULT_SYMBOL("default-symbol"),
    /** The defaults record ({@code *}). */
    DEFAULT("default"),
    /** {@link BuiltinLimits}: compiled in, in force when no record sets the limit. */
    BUILTIN("builtin");

    private final String label;

    LimitSource(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
