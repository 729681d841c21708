package dev.easel.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * One ONNX Runtime session over one model file. Inputs and outputs are fp32 {@link Tensor}s; each
 * is converted at the boundary to the element type the model declares (fp16, int32, int64, double),
 * and a one-element tensor is fed as a scalar where the model declares rank 0 (and the reverse).
 *
 * <p>{@link #interrupt()} may be called from any thread: it terminates the run in flight and makes
 * later runs fail at once with {@link CancellationException} until {@link #clearInterrupt()}.
 */
public final class OnnxSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxSession.class);

    private final String name;
    private final OrtSession session;
    private final Device device;
    private final Map<String, IoInfo> inputs;
    private final Map<String, IoInfo> outputs;
    private final Set<OrtSession.RunOptions> inFlight = new java.util.HashSet<>();
    private volatile boolean interrupted;

    private OnnxSession(String name, OrtSession session, Device device) throws OrtException {
        this.name = name;
        this.session = session;
        this.device = device;
        this.inputs = describe(session.getInputInfo());
        this.outputs = describe(session.getOutputInfo());
    }

    /**
     * Opens {@code model} (external weight files beside it are found by ONNX Runtime) on the device the
     * settings resolve to; when CUDA refuses this model, falls back to CPU and logs why.
     *
     * @throws ModelLoadException when the file is missing or ONNX Runtime cannot load it
     */
    public static OnnxSession open(Path model, OrtSettings settings) {
        if (!Files.isRegularFile(model)) throw new ModelLoadException("model file not found: " + model);
        return open(model.toString(), null, settings);
    }

    /** Opens a model held in memory (tests, generated graphs); external data is not supported here. */
    public static OnnxSession open(byte[] model, String name, OrtSettings settings) {
        return open(name, model, settings);
    }

    private static OnnxSession open(String name, byte[] bytes, OrtSettings settings) {
        Device device = Devices.select(settings);
        if (device.cuda()) {
            try {
                return create(name, bytes, settings, device);
            } catch (OrtException | RuntimeException e) {
                LOG.warn("{}: CUDA could not open this model, using CPU instead: {}", name, Devices.firstLine(e.getMessage()));
                device = Device.cpu("CUDA refused " + name + ": " + Devices.firstLine(e.getMessage()));
            }
        }
        try {
            return create(name, bytes, settings, device);
        } catch (OrtException | RuntimeException e) {
            throw new ModelLoadException("cannot load " + name + ": " + Devices.firstLine(e.getMessage()), e);
        }
    }

    private static OnnxSession create(String name, byte[] bytes, OrtSettings settings, Device device) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtCUDAProviderOptions cuda = device.cuda() ? Devices.addCuda(options, device.gpuId()) : null) {
            if (settings.threads() > 0) options.setIntraOpNumThreads(settings.threads());
            OrtSession s = bytes == null ? Devices.env().createSession(name, options)
                    : Devices.env().createSession(bytes, options);
            try {
                return new OnnxSession(name, s, device);
            } catch (OrtException | RuntimeException e) {
                s.close();
                throw e;
            }
        }
    }

    private static Map<String, IoInfo> describe(Map<String, NodeInfo> infos) {
        Map<String, IoInfo> out = new LinkedHashMap<>();
        for (NodeInfo n : infos.values()) {
            if (n.getInfo() instanceof TensorInfo t) {
                out.put(n.getName(), new IoInfo(n.getName(), ElementType.of(t.onnxType), t.getShape()));
            } else {
                out.put(n.getName(), new IoInfo(n.getName(), ElementType.OTHER, new long[0]));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    public String name() { return name; }

    public Device device() { return device; }

    /** Declared inputs in the model's order. */
    public Map<String, IoInfo> inputs() { return inputs; }

    /** Declared outputs in the model's order. */
    public Map<String, IoInfo> outputs() { return outputs; }

    public IoInfo input(String inputName) {
        IoInfo i = inputs.get(inputName);
        if (i == null) throw new IllegalArgumentException(unknown("input", inputName, inputs.keySet()));
        return i;
    }

    /** The model's custom metadata (key/value pairs written by the exporter). */
    public Map<String, String> metadata() {
        try {
            return session.getMetadata().getCustomMetadata();
        } catch (OrtException e) {
            return Map.of();
        }
    }

    /** Runs the model and returns every output. */
    public Map<String, Tensor> run(Map<String, Tensor> feeds) {
        return run(feeds, outputs.keySet());
    }

    /** Runs the model and returns the named outputs only (ONNX Runtime skips work they do not need). */
    public Map<String, Tensor> run(Map<String, Tensor> feeds, Set<String> wanted) {
        for (String w : wanted) {
            if (!outputs.containsKey(w)) throw new IllegalArgumentException(unknown("output", w, outputs.keySet()));
        }
        List<String> missing = new ArrayList<>();
        for (String in : inputs.keySet()) if (!feeds.containsKey(in)) missing.add(in);
        if (!missing.isEmpty()) throw new IllegalArgumentException(name + ": missing inputs " + missing + "; the model takes " + inputs.values());
        checkInterrupted();
        Map<String, OnnxTensor> onnx = new LinkedHashMap<>();
        try (OrtSession.RunOptions runOptions = new OrtSession.RunOptions()) {
            for (var e : feeds.entrySet()) {
                IoInfo info = input(e.getKey());
                long[] shape = fitShape(info, e.getValue());
                onnx.put(e.getKey(), Conversions.toOnnx(Devices.env(), e.getValue().data(), shape, info.type(), info.name()));
            }
            register(runOptions);
            try (OrtSession.Result result = session.run(onnx, wanted, runOptions)) {
                Map<String, Tensor> out = new LinkedHashMap<>();
                for (Map.Entry<String, OnnxValue> e : result) {
                    out.put(e.getKey(), Conversions.fromOnnx((OnnxTensor) e.getValue(), e.getKey()));
                }
                return out;
            } finally {
                unregister(runOptions);
            }
        } catch (OrtException e) {
            if (interrupted) throw new CancellationException(name + ": interrupted");
            throw new IllegalStateException(name + ": ONNX Runtime failed: " + e.getMessage(), e);
        } finally {
            onnx.values().forEach(OnnxTensor::close);
        }
    }

    /** Checks rank and fixed dimensions, and moves between rank 0 and a one-element rank 1. */
    private long[] fitShape(IoInfo info, Tensor t) {
        long[] shape = t.shape();
        if (info.type() == ElementType.OTHER) throw new IllegalArgumentException(name + ": input " + info + " is not a tensor Easel can feed");
        if (info.rank() == 0 && t.data().length == 1) return new long[0];
        if (info.rank() == 1 && shape.length == 0) return new long[] {1};
        if (info.rank() != shape.length) {
            throw new IllegalArgumentException(name + ": input '" + info.name() + "' expects shape " + Arrays.toString(info.shape())
                    + " (rank " + info.rank() + "), got " + Arrays.toString(shape));
        }
        for (int i = 0; i < shape.length; i++) {
            if (info.dim(i) >= 0 && info.dim(i) != shape[i]) {
                throw new IllegalArgumentException(name + ": input '" + info.name() + "' expects shape " + Arrays.toString(info.shape())
                        + " (-1 = any), got " + Arrays.toString(shape));
            }
        }
        return shape;
    }

    private void register(OrtSession.RunOptions r) throws OrtException {
        synchronized (inFlight) {
            inFlight.add(r);
            if (interrupted) r.setTerminate(true);
        }
    }

    private void unregister(OrtSession.RunOptions r) {
        synchronized (inFlight) {
            inFlight.remove(r);
        }
    }

    private void checkInterrupted() {
        if (interrupted) throw new CancellationException(name + ": interrupted");
    }

    /** Terminates the run in flight, if any, and refuses new runs until {@link #clearInterrupt()}. */
    public void interrupt() {
        synchronized (inFlight) {
            interrupted = true;
            for (OrtSession.RunOptions r : inFlight) {
                try {
                    r.setTerminate(true);
                } catch (OrtException e) {
                    LOG.debug("{}: could not terminate a run: {}", name, e.getMessage());
                }
            }
        }
    }

    public void clearInterrupt() {
        interrupted = false;
    }

    public boolean isInterrupted() { return interrupted; }

    private String unknown(String what, String n, Set<String> known) {
        return name + ": unknown " + what + " '" + n + "', expected one of " + known;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            LOG.warn("{}: error closing session: {}", name, e.getMessage());
        }
    }

    @Override
    public String toString() { return "OnnxSession[" + name + " on " + device.label() + "]"; }
}
