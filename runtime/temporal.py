"""How every process of ours talks to Temporal: one data converter, one set of search attributes."""

from __future__ import annotations

import dataclasses

from temporalio.api.enums.v1 import IndexedValueType
from temporalio.api.operatorservice.v1 import AddSearchAttributesRequest, ListSearchAttributesRequest
from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.converter import DataConverter, DefaultFailureConverterWithEncodedAttributes
from temporalio.runtime import PrometheusConfig, Runtime, TelemetryConfig
from temporalio.service import RPCError, RPCStatusCode

from runtime.codec import EncryptionCodec
from runtime.settings import Settings
from workflows.search_attributes import CUSTOM_SEARCH_ATTRIBUTES


def data_converter(settings: Settings) -> DataConverter:
    """Pydantic-aware JSON, encrypted with the configured key, failures included."""
    codec = EncryptionCodec.from_base64(settings.codec_key_id, settings.codec_key)
    # Failure messages and stack traces are encrypted too: Temporal stores them as they are.
    return dataclasses.replace(
        pydantic_data_converter,
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
