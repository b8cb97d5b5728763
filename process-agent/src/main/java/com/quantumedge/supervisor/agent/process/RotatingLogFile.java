package com.quantumedge.supervisor.agent.process;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A child's stdout and stderr file, appended to by the child itself (so output survives the agent
 * and an adopted bot keeps logging), rotated by size with copy-then-truncate: {@code bot.log} is
 * copied to {@code bot.log.1} (older files shift up, the oldest is dropped) and emptied. The child
 * writes in append mode, so its next write lands at the new end. Output written between the copy
 * and the truncation can be lost, the same trade-off as logrotate's {@code copytruncate}.
 */
public final class RotatingLogFile {

    private final Path file;
    private final long maxBytes;
    private final int keep;

    public RotatingLogFile(Path file, long maxBytes, int keep) {
        this.file = file;
        this.maxBytes = maxBytes;
        this.keep = keep;
    }

    public Path path() {
        return file;
    }

    /** Creates the directory and file so a child can append to it. */
    public Path prepare() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
        return file;
    }

    /** Rotates when the file has grown past the limit; returns whether it did. */
    public boolean rotateIfNeeded() throws IOException {
        if (!Files.exists(file) || Files.size(file) < maxBytes) {
            return false;
        }
        Files.deleteIfExists(numbered(keep));
        for (int i = keep - 1; i >= 1; i--) {
            if (Files.exists(numbered(i))) {
                Files.move(numbered(i), numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.copy(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }
        return true;
    }

    Path numbered(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }
}
