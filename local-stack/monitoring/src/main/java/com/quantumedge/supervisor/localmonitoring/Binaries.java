package com.quantumedge.supervisor.localmonitoring;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where Debian's packages (or a user's PATH) put the monitoring binaries. */
final class Binaries {

    private Binaries() {
    }

    /** The first of {@code names} executable in /usr/bin, /usr/local/bin or on the PATH. */
    static Optional<Path> find(List<String> names) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : names) {
            for (String dir : ("/usr/bin" + File.pathSeparator + "/usr/local/bin" + File.pathSeparator + path).split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                File candidate = new File(dir, name);
                if (candidate.isFile() && candidate.canExecute()) {
                    return Optional.of(candidate.toPath());
                }
            }
        }
        return Optional.empty();
    }
}
