package io.hyperloom.cli;

/** Input the user can fix (a malformed file, a missing dataset): exit code 2 with this message. */
public final class UserInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
