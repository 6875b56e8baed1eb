/**
 * Datasets on disk: the catalog of known datasets (files, download URLs, SHA-256), readers for the
 * IDX and UCI optical-digits formats, and the fetcher that downloads and verifies them. Loaded
 * data is immutable and shared by every thread of a run.
 */
package io.hyperloom.search.data;
