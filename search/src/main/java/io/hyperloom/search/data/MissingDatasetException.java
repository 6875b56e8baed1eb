package io.hyperloom.search.data;

import java.io.IOException;

/**
 * A dataset's files are not in the data directory. The message says where they were looked for
 * and how to get them ({@code hyperloom data fetch <name>}, or {@code --data-dir}).
 */
public class MissingDatasetException extends IOException {

    public MissingDatasetException(String message) {
        super(message);
    }
}
