package dev.easel.onnx;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;
import dev.easel.onnx.graph.GraphBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Resolves a device request to the device sessions will use, probing CUDA once per request. */
public final class Devices {

    private static final Logger LOG = LoggerFactory.getLogger(Devices.class);
    /** The BFC arena's default (next power of two) grows VRAM until it runs out on SD-sized graphs. */
    static final String ARENA_EXTEND_STRATEGY = "kSameAsRequested";

    private static final Map<String, Device> RESOLVED = new ConcurrentHashMap<>();

    private Devices() { }

    /** The shared ONNX Runtime environment (one per process, as ONNX Runtime wants). */
    public static OrtEnvironment env() {
        return OrtEnvironment.getEnvironment();
    }

    /** True when this build of ONNX Runtime carries the CUDA execution provider. */
    public static boolean cudaBuild() {
        return env() != null && OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
    }

    /**
     * Resolves the settings to a device. CUDA is tried by opening a one-node session on it; when that
     * fails (CPU build, no GPU, missing CUDA 12 or cuDNN 9 libraries) the answer is CPU with the reason.
     * The result is cached, so the probe runs once per distinct device string.
     */
    public static Device select(OrtSettings settings) {
        return RESOLVED.computeIfAbsent(settings.device(), d -> probe(settings));
    }

    private static Device probe(OrtSettings settings) {
        Device device;
        if (!settings.wantsCuda()) {
            device = Device.cpu("asked for cpu");
        } else if (!cudaBuild()) {
            device = Device.cpu("this build has the CPU-only ONNX Runtime; build with -Pcuda for NVIDIA GPUs");
        } else {
            device = probeCuda(settings);
        }
        if (settings.device().startsWith("cuda") && !device.cuda()) {
            LOG.warn("device {} asked for but not usable; running on CPU: {}", settings.device(), device.reason());
        } else {
            LOG.info("device: {}", device);
        }
        return device;
    }

    private static Device probeCuda(OrtSettings settings) {
        GraphBuilder g = new GraphBuilder("probe");
        g.input("x", DataType.FLOAT, 1);
        g.node("Identity", "x").into("y");
        g.output("y", DataType.FLOAT, 1);
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtCUDAProviderOptions cuda = addCuda(options, settings.gpuId())) {
            try (OrtSession ignored = env().createSession(g.toBytes(), options)) {
                return new Device(true, settings.gpuId(), "CUDA execution provider opened on GPU " + settings.gpuId());
            }
        } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
            return Device.cpu("CUDA provider failed to start on GPU " + settings.gpuId() + " (needs CUDA 12 and cuDNN 9): "
                    + firstLine(e.getMessage()));
        }
    }

    /**
     * Adds the CUDA provider with the arena set to grow only as much as asked. The returned options
     * must stay open until the session is created, then be closed by the caller.
     */
    static OrtCUDAProviderOptions addCuda(OrtSession.SessionOptions options, int gpuId) throws OrtException {
        OrtCUDAProviderOptions cuda = new OrtCUDAProviderOptions(gpuId);
        try {
            cuda.add("arena_extend_strategy", ARENA_EXTEND_STRATEGY);
            options.addCUDA(cuda);
            return cuda;
        } catch (OrtException | RuntimeException e) {
            cuda.close();
            throw e;
        }
    }

    static String firstLine(String s) {
        if (s == null) return "no message";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
