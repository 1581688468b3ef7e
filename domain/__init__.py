"""Pure rules of municipal debt assistance: phases, Wgs deadlines, klantprofiel, policy.

Nothing here does I/O or reads a clock; every function takes plain data, so the same
rules run inside Temporal workflows, in the API and in tests.
"""
