package dev.aotel.sdk.internal.early;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounterBuilder;
import io.opentelemetry.api.metrics.DoubleGaugeBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.DoubleUpDownCounterBuilder;
import io.opentelemetry.api.metrics.LongCounterBuilder;
import io.opentelemetry.api.metrics.LongHistogramBuilder;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.LongUpDownCounterBuilder;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterBuilder;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import io.opentelemetry.api.metrics.ObservableLongUpDownCounter;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The meter aotel's HTTP metrics instruments are built with while the SDK is being built: their
 * duration histograms and active-request counters record at once, into a buffer (histogram values
 * bounded, counter increments summed per attribute set, so an increment and its decrement are never
 * split), handed to the SDK's instruments once they exist, which then take over. It serves the
 * instruments aotel's own classes build (histograms of doubles, up-down counters of longs); asking
 * it for anything else is a programming error in aotel, and says so.
 */
final class EarlyMetrics implements MeterProvider, Meter {
  /** How many values each histogram keeps before the SDK is built. */
  private final int capacity;
  /** The instruments made so far, to be bound to the SDK's; guarded by this. */
  private final List<Early> instruments = new ArrayList<>();
  private MeterProvider sdk;
  private String scope;

  EarlyMetrics(int capacity) {
    this.capacity = capacity;
  }

  @Override
  public MeterBuilder meterBuilder(String scope) {
    return new MeterBuilder() {
      @Override
      public MeterBuilder setSchemaUrl(String schemaUrl) {
        throw unsupported("schema URLs on its scope");
      }

      @Override
      public MeterBuilder setInstrumentationVersion(String version) {
        throw unsupported("versions on its scope");
      }

      @Override
      public Meter build() {
        return scoped(scope);
      }
    };
  }

  private synchronized Meter scoped(String name) {
    if (scope != null && !scope.equals(name)) {
      throw unsupported("a second instrumentation scope (" + name + ")");
    }
    scope = name;
    return this;
  }

  @Override
  public DoubleHistogramBuilder histogramBuilder(String name) {
    return new HistogramBuilder(name);
  }

  @Override
  public LongUpDownCounterBuilder upDownCounterBuilder(String name) {
    return new UpDownCounterBuilder(name);
  }

  @Override
  public LongCounterBuilder counterBuilder(String name) {
    throw unsupported("counters");
  }

  @Override
  public DoubleGaugeBuilder gaugeBuilder(String name) {
    throw unsupported("gauges");
  }

  private static UnsupportedOperationException unsupported(String what) {
    return new UnsupportedOperationException("aotel's start-up meter has no " + what
        + ": it serves aotel's own HTTP instruments only");
  }

  /**
   * The SDK is built: every instrument gets its SDK twin, is handed what it recorded, and records
   * there from now on.
   *
   * @return how many histogram values did not fit the buffer and were dropped
   */
  synchronized long ready(MeterProvider meters) {
    sdk = meters;
    long dropped = 0;
    for (Early instrument : instruments) {
      dropped += instrument.bind(meters.get(scope));
    }
    return dropped;
  }

  private synchronized <T extends Early> T register(T instrument) {
    instruments.add(instrument);
    if (sdk != null) {
      instrument.bind(sdk.get(scope));
    }
    return instrument;
  }

  private interface Early {
    /** Builds the SDK's twin on this meter and hands it what was recorded; returns the drops. */
    long bind(Meter meter);
  }

  private final class HistogramBuilder implements DoubleHistogramBuilder {
    private final String name;
    private String description;
    private String unit;
    private List<Double> buckets;

    HistogramBuilder(String name) {
      this.name = name;
    }

    @Override
    public DoubleHistogramBuilder setDescription(String text) {
      description = text;
      return this;
    }

    @Override
    public DoubleHistogramBuilder setUnit(String text) {
      unit = text;
      return this;
    }

    @Override
    public DoubleHistogramBuilder setExplicitBucketBoundariesAdvice(List<Double> boundaries) {
      buckets = boundaries;
      return this;
    }

    @Override
    public LongHistogramBuilder ofLongs() {
      throw unsupported("histograms of longs");
    }

    @Override
    public DoubleHistogram build() {
      return register(new Histogram(this));
    }

    DoubleHistogram build(Meter meter) {
      DoubleHistogramBuilder builder = meter.histogramBuilder(name);
      if (description != null) {
        builder.setDescription(description);
      }
      if (unit != null) {
        builder.setUnit(unit);
      }
      if (buckets != null) {
        builder.setExplicitBucketBoundariesAdvice(buckets);
      }
      return builder.build();
    }
  }

  private final class Histogram implements DoubleHistogram, Early {
    private final HistogramBuilder spec;
    private final Pending<Recorded> recorded = new Pending<>(capacity);
    private volatile DoubleHistogram sdk;

    Histogram(HistogramBuilder spec) {
      this.spec = spec;
    }

    @Override
    public void record(double value) {
      record(value, Attributes.empty());
    }

    @Override
    public void record(double value, Attributes attributes) {
      DoubleHistogram ready = sdk;
      if (ready != null) {
        ready.record(value, attributes);
      } else if (!recorded.keep(new Recorded(value, attributes))) {
        sdk.record(value, attributes); // bound while this was recorded
      }
    }

    @Override
    public void record(double value, Attributes attributes, Context context) {
      DoubleHistogram ready = sdk;
      if (ready != null) {
        ready.record(value, attributes, context);
      } else {
        record(value, attributes); // no exemplar for what is recorded before the SDK exists
      }
    }

    @Override
    public long bind(Meter meter) {
      DoubleHistogram built = spec.build(meter);
      sdk = built;
      for (Recorded value : recorded.handOver()) {
        built.record(value.value(), value.attributes());
      }
      return recorded.dropped();
    }
  }

  private record Recorded(double value, Attributes attributes) {}

  private final class UpDownCounterBuilder implements LongUpDownCounterBuilder {
    private final String name;
    private String description;
    private String unit;

    UpDownCounterBuilder(String name) {
      this.name = name;
    }

    @Override
    public LongUpDownCounterBuilder setDescription(String text) {
      description = text;
      return this;
    }

    @Override
    public LongUpDownCounterBuilder setUnit(String text) {
      unit = text;
      return this;
    }

    @Override
    public DoubleUpDownCounterBuilder ofDoubles() {
      throw unsupported("up-down counters of doubles");
    }

    @Override
    public LongUpDownCounter build() {
      return register(new UpDownCounter(this));
    }

    @Override
    public ObservableLongUpDownCounter buildWithCallback(
        Consumer<ObservableLongMeasurement> callback) {
      throw unsupported("observable up-down counters");
    }

    LongUpDownCounter build(Meter meter) {
      LongUpDownCounterBuilder builder = meter.upDownCounterBuilder(name);
      if (description != null) {
        builder.setDescription(description);
      }
      if (unit != null) {
        builder.setUnit(unit);
      }
      return builder.build();
    }
  }

  private static final class UpDownCounter implements LongUpDownCounter, Early {
    private final UpDownCounterBuilder spec;
    private volatile LongUpDownCounter sdk;
    /** The sum per attribute set; guarded by this. */
    private Map<Attributes, Long> sums = new LinkedHashMap<>();

    UpDownCounter(UpDownCounterBuilder spec) {
      this.spec = spec;
    }

    @Override
    public void add(long value) {
      add(value, Attributes.empty());
    }

    @Override
    public void add(long value, Attributes attributes) {
      LongUpDownCounter ready = sdk;
      if (ready != null) {
        ready.add(value, attributes);
        return;
      }
      synchronized (this) {
        if (sums != null) {
          sums.merge(attributes, value, Long::sum);
          return;
        }
      }
      sdk.add(value, attributes);
    }

    @Override
    public void add(long value, Attributes attributes, Context context) {
      add(value, attributes);
    }

    @Override
    public synchronized long bind(Meter meter) {
      LongUpDownCounter built = spec.build(meter);
      sums.forEach((attributes, sum) -> built.add(sum, attributes));
      sums = null;
      sdk = built;
      return 0; // sums take no more room, whatever the count
    }
  }
}
