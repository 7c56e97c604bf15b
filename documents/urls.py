from __future__ import annotations

from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    *(
        path(f"strategies/<int:strategy_pk>/{action.replace('_', '-')}/", view.as_view(), name=action)
        for action, view in views.TRANSITION_VIEWS.items()
    ),
    path("strategies/<int:strategy_pk>/history/", views.HistoryView.as_view(), name="history"),
    path("strategies/<int:strategy_pk>/preview/", views.PreviewView.as_view(), name="preview"),
    path("strategies/<int:strategy_pk>/preview/pdf/", views.DraftPdfRequestView.as_view(), name="draft_pdf_request"),
    path("strategies/<int:strategy_pk>/preview/pdf/<int:pk>/", views.DraftPdfView.as_view(), name="draft_pdf"),
    path("strategies/<int:strategy_pk>/document-media/<path:path>", views.DocumentMediaView.as_view(), name="media"),
    path("strategies/<int:strategy_pk>/compare/", views.CompareView.as_view(), name="compare"),
    path("strategies/<int:strategy_pk>/versions/<int:number>/", views.VersionView.as_view(), name="version"),
    path("strategies/<int:strategy_pk>/versions/<int:number>/pdf/", views.VersionPdfView.as_view(), name="version_pdf"),
    path("strategies/<int:strategy_pk>/comments/", views.CommentCreateView.as_view(), name="comment"),
    path(
        "strategies/<int:strategy_pk>/comments/<int:pk>/resolve/",
        views.CommentResolveView.as_view(),
        name="comment_resolve",
    ),
    path("portal/strategies/<int:strategy_pk>/", views.PortalView.as_view(), name="portal"),
]
