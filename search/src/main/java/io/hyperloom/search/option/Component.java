package io.hyperloom.search.option;

import java.util.List;

/** Something a user names on the command line: a task, generator family or optimizer. */
public interface Component {

    /** The registered name, lower-case with dashes, e.g. {@code double-pole}. */
    String name();

    /** One line for {@code hyperloom list}. */
    String description();

    /** Every option with its default. */
    List<OptionSpec> options();

    /** The given values checked against {@link #options()}, defaults filled in. */
    default Options resolve(java.util.Map<String, String> given) {
        return Options.resolve(kind() + " " + name(), options(), given);
    }

    /** {@code task}, {@code generator} or {@code optimizer}, for messages. */
    String kind();
}
