package com.quantumedge.supervisor.schemas;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to instantiate classes it has not been told to trust (a guard against
 * deserialization gadgets). Our generated records are trusted; nothing else is added.
 */
public final class GeneratedClasses {

    public static final String AVRO_PACKAGE = "com.quantumedge.supervisor.avro.";
    private static volatile boolean trusted;

    private GeneratedClasses() {
    }

    /** Idempotent; called before any decoding. */
    public static void trust() {
        if (trusted) {
            return;
        }
        synchronized (GeneratedClasses.class) {
            if (!trusted) {
                ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
                ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous,
                        type -> type.getName().startsWith(AVRO_PACKAGE)));
                trusted = true;
            }
        }
    }
}
