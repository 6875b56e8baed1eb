/**
 * Named, typed options with defaults for tasks, generators and optimizers, and their resolution from user input. Every option a run used is stored in its spec, so a record describes its run completely.
 */
package io.hyperloom.search.option;
