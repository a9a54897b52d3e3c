package dev.ovnet.providers.ssh;

/**
 * Asks a person for the passphrase of an encrypted identity file, when {@code OVNET_SSH_PASSPHRASE} is not set
 * or was wrong. The CLI implements it with a jline prompt on a terminal; without a terminal there is
 * {@link #NONE}, so a CI job fails with a clear message instead of waiting for input.
 */
@FunctionalInterface
public interface PassphrasePrompt {

    /** Never asks: encrypted keys need {@code OVNET_SSH_PASSPHRASE}. */
    PassphrasePrompt NONE = (identityFile, attempt) -> null;

    /**
     * The passphrase for {@code identityFile}, or null when nobody can answer. {@code attempt} starts at 1 and
     * grows after each wrong answer. The caller wipes the returned array after use.
     */
    char[] passphrase(String identityFile, int attempt);
}
