package io.hyperloom.cppn.network;

import io.hyperloom.search.option.Options;
import io.hyperloom.search.task.images.ImageArchitectures;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The neat generator wires its genomes to the task network's raw inputs and outputs. */
class NeatNetworkProviderTest {

    private static final NeatNetworkProvider PROVIDER = new NeatNetworkProvider();
    private static final Options DEFAULTS = Options.resolve("neat", PROVIDER.options(), Map.of());

    @Test
    void aDenseNetworkGivesGenomesItsInputsAndOutputs() {
        NeatNetworkFamily f = (NeatNetworkFamily) PROVIDER.create(ImageArchitectures.mnistMlp().layout(), DEFAULTS);
        assertEquals(784, f.inputs());
        assertEquals(10, f.outputs());
    }

    @Test
    void aNetworkThatStartsWithAConvolutionIsRefusedWithTheWayOut() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PROVIDER.create(ImageArchitectures.mnistConv().layout(), DEFAULTS));
        assertTrue(e.getMessage().contains("convolution") && e.getMessage().contains("mnist-mlp"), e.getMessage());
    }
}
