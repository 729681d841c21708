package dev.easel.bridge.cli;

/** The {@code --help} text. */
final class Usage {

    private Usage() { }

    static final String TEXT = """
            Easel bridge: Stable Diffusion for Krita, ImageJ/Fiji and every AUTOMATIC1111 API client.

            Usage:
              java -jar easel-bridge.jar [options]                 start the bridge
              java -jar easel-bridge.jar models [--models DIR]     list the models found and what is missing
              java -jar easel-bridge.jar download NAME... [--models DIR]
                                                                   download models from the catalog
              java -jar easel-bridge.jar make-test-models DIR [--tokenizer DIR]
                                                                   write a tiny model store for tests
              java -jar easel-bridge.jar make-test-models --full-size DIR
                                                                   write a random-weight checkpoint with
                                                                   SD 1.5's shapes (about 2 GB) for benchmarks

            Options:
              --host HOST               interface to bind (default 127.0.0.1)
              --port PORT               port (default 7860, A1111's; 0 picks a free one)
              --listen                  bind every interface (0.0.0.0); needs --api-auth
              --models DIR              the model store (default ./models)
              --device DEV              auto, cpu, cuda or cuda:N (default auto: CUDA when this build
                                        has it and a GPU answers, else CPU)
              --threads N               CPU threads for ONNX Runtime (default 0: one per core)
              --api-auth USER:PASS      require HTTP Basic auth; comma-separate several pairs
              --cors-allow-origins LIST comma-separated origins allowed to call the API from a browser
              --max-body-mb N           largest request body in MB (default 64)
              --max-pixels N            largest image accepted, in pixels (default 16777216 = 4096x4096)
              --tokenizer DIR           make-test-models: copy vocab.json and merges.txt from DIR
              -h, --help                this text
            """;
}
