package dev.aotel.sdk.internal.early;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.LoggerBuilder;
import io.opentelemetry.api.logs.LoggerProvider;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The logs bridge the log appenders get while the SDK is being built: each record is kept as
 * built, with the context current when it was emitted (so it keeps its trace and span ids) and
 * its observed time, in a bounded buffer, then emitted into the SDK's logger provider once it
 * exists, which takes over from then on. What does not fit is counted and reported once.
 */
final class EarlyLogs implements LoggerProvider {
  /** Records emitted before the SDK was built. */
  private final Pending<Record> pending;
  private volatile LoggerProvider sdk;

  EarlyLogs(int capacity) {
    this.pending = new Pending<>(capacity);
  }

  @Override
  public LoggerBuilder loggerBuilder(String scope) {
    return new LoggerBuilder() {
      private String version;
      private String schemaUrl;

      @Override
      public LoggerBuilder setSchemaUrl(String url) {
        schemaUrl = url;
        return this;
      }

      @Override
      public LoggerBuilder setInstrumentationVersion(String instrumentationVersion) {
        version = instrumentationVersion;
        return this;
      }

      @Override
      public Logger build() {
        return new EarlyLogger(new Scope(scope, version, schemaUrl));
      }
    };
  }

  /**
   * One scope's logger: records kept until the SDK exists, then the SDK's logger for the scope,
   * looked up once rather than built again for every record the appenders emit.
   */
  private final class EarlyLogger implements Logger {
    private final Scope scope;
    private volatile Logger ready;

    EarlyLogger(Scope scope) {
      this.scope = scope;
    }

    @Override
    public LogRecordBuilder logRecordBuilder() {
      Logger logger = ready;
      if (logger == null) {
        LoggerProvider built = sdk;
        if (built == null) {
          return new EarlyRecord(scope);
        }
        logger = scope.logger(built);
        ready = logger;
      }
      return logger.logRecordBuilder();
    }
  }

  /**
   * The SDK is built: what was kept is emitted into it, and records go there from now on.
   *
   * @return how many records did not fit the buffer and were dropped
   */
  long ready(LoggerProvider loggers) {
    sdk = loggers;
    for (Record record : pending.handOver()) {
      record.emitInto(loggers);
    }
    return pending.dropped();
  }

  private void emitted(Record record) {
    if (!pending.keep(record)) {
      record.emitInto(sdk);
    }
  }

  private record Record(Scope scope, List<Consumer<LogRecordBuilder>> settings) {
    void emitInto(LoggerProvider loggers) {
      LogRecordBuilder builder = scope.logger(loggers).logRecordBuilder();
      settings.forEach(setting -> setting.accept(builder));
      builder.emit();
    }
  }

  /** A record being built: every setting kept, in order, to be made again on the SDK's. */
  private final class EarlyRecord implements LogRecordBuilder {
    private final Scope scope;
    private final List<Consumer<LogRecordBuilder>> settings = new ArrayList<>();
    private boolean context;
    private boolean observed;

    EarlyRecord(Scope scope) {
      this.scope = scope;
    }

    private LogRecordBuilder keep(Consumer<LogRecordBuilder> setting) {
      settings.add(setting);
      return this;
    }

    @Override
    public LogRecordBuilder setTimestamp(long timestamp, TimeUnit unit) {
      return keep(b -> b.setTimestamp(timestamp, unit));
    }

    @Override
    public LogRecordBuilder setTimestamp(Instant instant) {
      return keep(b -> b.setTimestamp(instant));
    }

    @Override
    public LogRecordBuilder setObservedTimestamp(long timestamp, TimeUnit unit) {
      observed = true;
      return keep(b -> b.setObservedTimestamp(timestamp, unit));
    }

    @Override
    public LogRecordBuilder setObservedTimestamp(Instant instant) {
      observed = true;
      return keep(b -> b.setObservedTimestamp(instant));
    }

    @Override
    public LogRecordBuilder setContext(Context value) {
      context = true;
      return keep(b -> b.setContext(value));
    }

    @Override
    public LogRecordBuilder setSeverity(Severity severity) {
      return keep(b -> b.setSeverity(severity));
    }

    @Override
    public LogRecordBuilder setSeverityText(String text) {
      return keep(b -> b.setSeverityText(text));
    }

    @Override
    public LogRecordBuilder setBody(String body) {
      return keep(b -> b.setBody(body));
    }

    @Override
    public LogRecordBuilder setBody(Value<?> body) {
      return keep(b -> b.setBody(body));
    }

    @Override
    public <T> LogRecordBuilder setAttribute(AttributeKey<T> key, T value) {
      return keep(b -> b.setAttribute(key, value));
    }

    @Override
    public LogRecordBuilder setAttribute(String key, Value<?> value) {
      return keep(b -> b.setAttribute(key, value));
    }

    @Override
    public LogRecordBuilder setEventName(String eventName) {
      return keep(b -> b.setEventName(eventName));
    }

    @Override
    public LogRecordBuilder setException(Throwable throwable) {
      return keep(b -> b.setException(throwable));
    }

    @Override
    public void emit() {
      // What the SDK would take at emit time is taken now, not when the record is replayed.
      if (!context) {
        Context current = Context.current();
        settings.add(b -> b.setContext(current));
      }
      if (!observed) {
        long now = Clock.getDefault().now();
        settings.add(b -> b.setObservedTimestamp(now, TimeUnit.NANOSECONDS));
      }
      emitted(new Record(scope, List.copyOf(settings)));
    }
  }
}
