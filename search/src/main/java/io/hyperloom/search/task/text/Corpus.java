package io.hyperloom.search.task.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * A text corpus as character ids: its vocabulary (the sorted distinct UTF-16 chars of the text;
 * a supplementary character counts as two) and the first 90% for training, the last 10% for
 * validation. Immutable; the id arrays are referenced, not copied, and never modified.
 */
public final class Corpus {

    /** The training share of the text. */
    public static final double TRAIN_FRACTION = 0.9;

    private final char[] vocabulary;
    private final int[] train;
    private final int[] validation;

    private Corpus(char[] vocabulary, int[] train, int[] validation) {
        this.vocabulary = vocabulary;
        this.train = train;
        this.validation = validation;
    }

    /**
     * Reads a UTF-8 file.
     *
     * @throws UncheckedIOException when the file is missing, unreadable or not UTF-8 (message names it)
     * @throws IllegalArgumentException when it is too short to split
     */
    public static Corpus read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return of(text);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException(new IOException("no corpus at " + file + "; give a UTF-8 text file with "
                    + "corpus=PATH, or put tinyshakespeare's input.txt at <data-dir>/text/tinyshakespeare/", e));
        } catch (CharacterCodingException e) {
            throw new UncheckedIOException(new IOException("corpus " + file + " is not valid UTF-8", e));
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot read corpus " + file + ": " + e.getMessage(), e));
        }
    }

    /** A corpus of {@code text}. */
    public static Corpus of(String text) {
        if (text.length() < 20) {
            throw new IllegalArgumentException("a corpus needs at least 20 characters, got " + text.length());
        }
        TreeSet<Character> set = new TreeSet<>();
        for (int i = 0; i < text.length(); i++) {
            set.add(text.charAt(i));
        }
        char[] vocab = new char[set.size()];
        int k = 0;
        for (char c : set) {
            vocab[k++] = c;
        }
        int[] ids = new int[text.length()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = Arrays.binarySearch(vocab, text.charAt(i));
        }
        int split = (int) (TRAIN_FRACTION * ids.length);
        return new Corpus(vocab, Arrays.copyOfRange(ids, 0, split), Arrays.copyOfRange(ids, split, ids.length));
    }

    public int vocabularySize() {
        return vocabulary.length;
    }

    /** The character of id {@code id}. */
    public char character(int id) {
        return vocabulary[id];
    }

    /** The id of {@code c}, or -1 if it is not in the vocabulary. */
    public int id(char c) {
        int i = Arrays.binarySearch(vocabulary, c);
        return i >= 0 ? i : -1;
    }

    /** Training ids; referenced, not copied: do not modify. */
    int[] train() {
        return train;
    }

    /** Validation ids; referenced, not copied: do not modify. */
    int[] validation() {
        return validation;
    }

    public int trainLength() {
        return train.length;
    }

    public int validationLength() {
        return validation.length;
    }
}
