package dev.aotel.sdk.internal.early;

import dev.aotel.runtime.otel.AotelScope;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerBuilder;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.InstrumentationLibraryInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;

/**
 * The SDK's tracers, except that aotel's own scope ({@code dev.aotel}, no version or schema URL:
 * the instruments' spans) records {@link AotelSpan}s and hands them to the span processors
 * autoconfigure made, as the SDK's tracer would. A server span then costs one array of attributes
 * and no copy when the batch processor takes it, instead of the SDK span's hash map and the
 * immutable copy its {@code toSpanData()} makes.
 *
 * <p>Only with what {@link EarlyStart} vouches for: autoconfigure's own batch or simple
 * processors, a built-in sampler, the SDK's random ids and the default span limits; with anything
 * else every span is the SDK's.
 */
final class AotelTracerProvider implements TracerProvider {
  static final InstrumentationScopeInfo SCOPE = InstrumentationScopeInfo.create(AotelScope.NAME);
  @SuppressWarnings("deprecation")
  static final InstrumentationLibraryInfo LIBRARY =
      InstrumentationLibraryInfo.create(AotelScope.NAME, null);

  private final TracerProvider sdk;
  private final EarlyTracing tracing;
  private final SpanProcessor processor;
  private final Resource resource;
  private final Tracer tracer = new Tracer() {
    @Override
    public SpanBuilder spanBuilder(String spanName) {
      return new AotelSpanBuilder(AotelTracerProvider.this, spanName);
    }
  };

  AotelTracerProvider(TracerProvider sdk, EarlyTracing tracing, SpanProcessor processor,
      Resource resource) {
    this.sdk = sdk;
    this.tracing = tracing;
    this.processor = processor;
    this.resource = resource;
  }

  @Override
  public Tracer get(String scope) {
    return AotelScope.NAME.equals(scope) ? tracer : sdk.get(scope);
  }

  @Override
  public Tracer get(String scope, String version) {
    return version == null ? get(scope) : sdk.get(scope, version);
  }

  @Override
  public TracerBuilder tracerBuilder(String scope) {
    TracerBuilder builder = sdk.tracerBuilder(scope);
    if (!AotelScope.NAME.equals(scope)) {
      return builder;
    }
    return new TracerBuilder() {
      private boolean plain = true;

      @Override
      public TracerBuilder setSchemaUrl(String schemaUrl) {
        plain = false;
        builder.setSchemaUrl(schemaUrl);
        return this;
      }

      @Override
      public TracerBuilder setInstrumentationVersion(String version) {
        plain = false;
        builder.setInstrumentationVersion(version);
        return this;
      }

      @Override
      public Tracer build() {
        return plain ? tracer : builder.build();
      }
    };
  }

  ReplayIdGenerator ids() {
    return tracing.ids();
  }

  Sampler sampler() {
    return tracing.sampler();
  }

  Resource resource() {
    return resource;
  }

  void started(Context parent, AotelSpan span) {
    if (processor.isStartRequired()) {
      processor.onStart(parent, span);
    }
  }

  void ended(AotelSpan span) {
    if (processor.isEndRequired()) {
      processor.onEnd(span);
    }
  }
}
