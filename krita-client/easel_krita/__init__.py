"""Easel for Krita: Stable Diffusion through a local Easel bridge, results as new layers.

The pure modules (``pngio``, ``geometry``, ``masks``, ``pixels``, ``jobs``, ``bridge``, ``task``)
import nothing from Krita and are tested with plain unittest; inside Krita this package also
registers the docker.
"""

try:
    from krita import DockWidgetFactory, DockWidgetFactoryBase, Krita
except ImportError:  # plain Python (unit tests, packaging): nothing to register
    Krita = None

if Krita is not None and Krita.instance() is not None:
    from .docker import EaselDocker

    Krita.instance().addDockWidgetFactory(
        DockWidgetFactory("easel_docker", DockWidgetFactoryBase.DockRight, EaselDocker))
