"""How every process of ours talks to Temporal: one data converter, one set of search attributes."""

from __future__ import annotations

import functools
from typing import Any, get_args

from pydantic import TypeAdapter
from temporalio.api.common.v1 import Payload
from temporalio.api.enums.v1 import IndexedValueType
from temporalio.api.operatorservice.v1 import AddSearchAttributesRequest, ListSearchAttributesRequest
from temporalio.client import Client
from temporalio.common import WorkflowIDReusePolicy
from temporalio.contrib.pydantic import PydanticJSONPlainPayloadConverter
from temporalio.converter import (
    CompositePayloadConverter,
    DataConverter,
    DefaultFailureConverterWithEncodedAttributes,
    DefaultPayloadConverter,
    JSONPlainPayloadConverter,
)
from temporalio.runtime import PrometheusConfig, Runtime, TelemetryConfig
from temporalio.service import RPCError, RPCStatusCode
from temporalio.worker.workflow_sandbox import SandboxRestrictions

from runtime.codec import EncryptionCodec
from runtime.settings import Settings
from workflows.search_attributes import CUSTOM_SEARCH_ATTRIBUTES

# A traject's workflow id is its traject's for good: a run that ended never starts again under it, or a retried
# aanmelding would register the ended traject anew. Starting it again fails as already started.
TRAJECT_ONCE = WorkflowIDReusePolicy.REJECT_DUPLICATE

# Our packages the worker's sandbox passes through (runtime/worker.sandbox): imported once per process, so
# their types are the same objects in every workflow run.
PASSED_THROUGH = ("domain", "activities", "letters")
_LONG_LIVED = frozenset(PASSED_THROUGH) | SandboxRestrictions.default.passthrough_modules


def _lives_long(hint: Any) -> bool:
    """Whether every type a hint names lives as long as the process: one from our passed-through packages,
    the standard library or pydantic. A workflow module's own class is made anew for each run."""
    module = getattr(hint, "__module__", None)
    if not isinstance(module, str) or module.split(".")[0] not in _LONG_LIVED:
        return False
    return all(_lives_long(argument) for argument in get_args(hint))


@functools.cache
def _adapter(hint: Any) -> TypeAdapter[Any]:
    return TypeAdapter(hint)


class _JSONConverter(PydanticJSONPlainPayloadConverter):
    """Pydantic JSON whose type adapters are built once per process. The SDK caches them per converter, but
    each workflow run makes a converter of its own: every new traject built the adapter of its start (15%
    of the worker's CPU on a run of aanmeldingen), and every step the adapter of its record. The key space
    is closed: the hints of the registered workflows' and activities' signatures."""

    def from_payload(self, payload: Payload, type_hint: type | None = None) -> Any:
        """See base class; a hint of long-lived types only is validated by the process's one adapter."""
        hint = Any if type_hint is None else type_hint
        if not _lives_long(hint):
            return super().from_payload(payload, type_hint)
        try:
            adapter = _adapter(hint)
        except TypeError:
            # An unhashable hint cannot be a key: the SDK's own path builds its adapter (or raises its error).
            return super().from_payload(payload, type_hint)
        return adapter.validate_json(payload.data)


class PayloadConverter(CompositePayloadConverter):
    """The SDK's pydantic payload converter, with type adapters shared across workflow runs."""

    def __init__(self) -> None:
        super().__init__(
            *(
                _JSONConverter() if isinstance(c, JSONPlainPayloadConverter) else c
                for c in DefaultPayloadConverter.default_encoding_payload_converters
            )
        )


def data_converter(settings: Settings) -> DataConverter:
    """Pydantic-aware JSON, encrypted with the configured key, failures included."""
    codec = EncryptionCodec.from_base64(settings.codec_key_id, settings.codec_key)
    # Failure messages and stack traces are encrypted too: Temporal stores them as they are.
    return DataConverter(
        payload_converter_class=PayloadConverter,
        payload_codec=codec,
        failure_converter_class=DefaultFailureConverterWithEncodedAttributes,
    )


async def connect(settings: Settings, lazy: bool = False, runtime: Runtime | None = None) -> Client:
    """A client for the configured server and namespace, with our data converter; a lazy one connects
    at its first call, so its process can start while the server is away. A worker hands in the `runtime`
    that serves its metrics."""
    return await Client.connect(
        settings.temporal_address,
        namespace=settings.temporal_namespace,
        data_converter=data_converter(settings),
        lazy=lazy,
        runtime=runtime,
    )


def metrics_runtime(address: str) -> Runtime:
    """A Temporal runtime that serves the SDK's metrics for Prometheus at `address` (durations in seconds,
    counters ending in _total, as Prometheus names them)."""
    prometheus = PrometheusConfig(bind_address=address, counters_total_suffix=True, durations_as_seconds=True)
    return Runtime(telemetry=TelemetryConfig(metrics=prometheus, metric_prefix="temporal_"))


async def register_search_attributes(client: Client, namespace: str) -> None:
    """Register the project's custom search attributes that the namespace does not have yet.

    An upsert of an unregistered attribute fails the workflow task forever, so every server we run on
    gets these before a worker starts.
    """
    try:
        listed = await client.operator_service.list_search_attributes(ListSearchAttributesRequest(namespace=namespace))
        existing = set(listed.custom_attributes)
    except RPCError as err:
        # The time-skipping test server cannot list, and starts empty.
        if err.status is not RPCStatusCode.UNIMPLEMENTED:
            raise
        existing = set()
    missing = {
        key.name: IndexedValueType.ValueType(key.indexed_value_type)
        for key in CUSTOM_SEARCH_ATTRIBUTES
        if key.name not in existing
    }
    if missing:
        await client.operator_service.add_search_attributes(
            AddSearchAttributesRequest(namespace=namespace, search_attributes=missing)
        )
